import { authRoutes, type LoginRequest, type LoginResponse } from '@sanfang/shared';
import { callApi } from '../../api/call';

export function login(request: LoginRequest): Promise<LoginResponse> {
  return callApi(authRoutes.login, { body: request });
}

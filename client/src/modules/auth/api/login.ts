import { authRoutes, type LoginRequest, type LoginResponse } from '@sanfang/shared';
import { callApi } from '../../api/call';

export function login(request: LoginRequest): Promise<LoginResponse> {
  return callApi(authRoutes.login, { body: request });
}

/** Ends this session on the server: the token stops working at once. */
export function logout(token: string): Promise<void> {
  return callApi(authRoutes.logout, { token });
}

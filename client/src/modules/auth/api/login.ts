import type { LoginRequest, LoginResponse } from '@sanfang/shared';
import { apiRequest } from '../../api/http';

export function login(request: LoginRequest): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('/api/auth/login', { method: 'POST', body: request });
}

import type { LoginRequest, LoginResponse } from '@sanfang/shared';
import { apiRequest } from '../../api/http';

export function login(request: LoginRequest): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('/api/auth/login', { method: 'POST', body: request });
}

/** Ends this session on the server: the token stops working at once. */
export function logout(token: string): Promise<void> {
  return apiRequest<void>('/api/auth/logout', { method: 'POST', token });
}

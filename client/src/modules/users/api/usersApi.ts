import type {
  AdminUserDto,
  CreateUser,
  ResetPassword,
  UpdateUser,
  UsersQuery,
} from '@sanfang/shared';
import { apiRequest } from '../../api/http';

export const listUsers = (token: string, q: Partial<UsersQuery>): Promise<AdminUserDto[]> => {
  const params = new URLSearchParams();
  if (q.kind) params.set('kind', q.kind);
  if (q.q) params.set('q', q.q);
  return apiRequest<AdminUserDto[]>(`/api/users?${params.toString()}`, { token });
};

export const createUser = (token: string, body: CreateUser): Promise<AdminUserDto> =>
  apiRequest<AdminUserDto>('/api/users', { method: 'POST', token, body });

export const updateUser = (token: string, id: string, body: UpdateUser): Promise<AdminUserDto> =>
  apiRequest<AdminUserDto>(`/api/users/${id}`, { method: 'PATCH', token, body });

export const resetPassword = (token: string, id: string, body: ResetPassword): Promise<void> =>
  apiRequest<void>(`/api/users/${id}/password`, { method: 'POST', token, body });

export const endSessions = (token: string, id: string): Promise<void> =>
  apiRequest<void>(`/api/users/${id}/sessions/end`, { method: 'POST', token });

export const deleteUser = (token: string, id: string): Promise<AdminUserDto> =>
  apiRequest<AdminUserDto>(`/api/users/${id}`, { method: 'DELETE', token });

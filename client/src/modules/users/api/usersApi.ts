import {
  usersRoutes,
  type AdminUserDto,
  type CreateUser,
  type ResetPassword,
  type UpdateUser,
  type UsersQuery,
} from '@sanfang/shared';
import { callApi } from '../../api/call';

export const listUsers = (token: string, q: Partial<UsersQuery>): Promise<AdminUserDto[]> =>
  callApi(usersRoutes.list, { query: { kind: q.kind || undefined, q: q.q || undefined }, token });

export const createUser = (token: string, body: CreateUser): Promise<AdminUserDto> =>
  callApi(usersRoutes.create, { body, token });

export const updateUser = (token: string, id: string, body: UpdateUser): Promise<AdminUserDto> =>
  callApi(usersRoutes.update, { params: { id }, body, token });

export const resetPassword = (token: string, id: string, body: ResetPassword): Promise<void> =>
  callApi(usersRoutes.resetPassword, { params: { id }, body, token });

export const endSessions = (token: string, id: string): Promise<void> =>
  callApi(usersRoutes.endSessions, { params: { id }, token });

export const deleteUser = (token: string, id: string): Promise<AdminUserDto> =>
  callApi(usersRoutes.remove, { params: { id }, token });

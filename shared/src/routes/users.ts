import {
  createUserSchema,
  resetPasswordSchema,
  updateUserSchema,
  usersQuerySchema,
  type AdminUserDto,
} from '../auth';
import { del, get, patch, post, shape } from './route';

/** User administration (admin only). */
export const usersRoutes = {
  list: get('users', { query: usersQuerySchema, response: shape<AdminUserDto[]>() }),
  create: post('users', { body: createUserSchema, response: shape<AdminUserDto>() }),
  update: patch('users/:id', { body: updateUserSchema, response: shape<AdminUserDto>() }),
  resetPassword: post('users/:id/password', {
    status: 204,
    body: resetPasswordSchema,
    response: shape<void>(),
  }),
  endSessions: post('users/:id/sessions/end', { status: 204, response: shape<void>() }),
  remove: del('users/:id', { response: shape<AdminUserDto>() }),
};

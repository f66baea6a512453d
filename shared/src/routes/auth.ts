import { loginRequestSchema, type LoginResponse, type UserDto } from '../auth';
import { get, post, shape } from './route';

export const authRoutes = {
  login: post('auth/login', {
    status: 200,
    body: loginRequestSchema,
    response: shape<LoginResponse>(),
  }),
  me: get('auth/me', { response: shape<UserDto>() }),
};

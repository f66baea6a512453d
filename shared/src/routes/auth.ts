import { loginRequestSchema, type LoginResponse, type UserDto } from '../auth';
import { get, post, shape } from './route';

export const authRoutes = {
  login: post('auth/login', {
    status: 200,
    body: loginRequestSchema,
    response: shape<LoginResponse>(),
  }),
  /** Ends this session (the token) at once; other devices stay signed in. */
  logout: post('auth/logout', { status: 204, response: shape<void>() }),
  me: get('auth/me', { response: shape<UserDto>() }),
};

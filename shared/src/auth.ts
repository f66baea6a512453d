import { z } from 'zod';
import type { Role } from './roles';

export const loginRequestSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export interface UserDto {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** A user bound to a subdistrict sees that subdistrict plus district-wide data. */
  subdistrictCode: string | null;
}

export interface LoginResponse {
  accessToken: string;
  user: UserDto;
}

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

/** Roles an administrator creates here; contacts come from the contact data. */
export const ADMIN_MANAGED_ROLES = ['duty_officer', 'commander', 'admin'] as const;
export type AdminManagedRole = (typeof ADMIN_MANAGED_ROLES)[number];

export const PASSWORD_MIN_LENGTH = 12;
const password = z.string().min(PASSWORD_MIN_LENGTH).max(256);
const subdistrictCode = z
  .string()
  .regex(/^\d{6,12}$/, 'must be a subdistrict code')
  .nullable();

export const createUserSchema = z.object({
  username: z
    .string()
    .min(2)
    .max(64)
    .regex(/^[\w.@-]+$/, 'letters, digits and . _ @ - only'),
  displayName: z.string().trim().min(1).max(100),
  role: z.enum(ADMIN_MANAGED_ROLES),
  subdistrictCode: subdistrictCode.default(null),
  password,
});
export type CreateUser = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    displayName: z.string().trim().min(1).max(100).optional(),
    role: z.enum(ADMIN_MANAGED_ROLES).optional(),
    subdistrictCode: subdistrictCode.optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type UpdateUser = z.infer<typeof updateUserSchema>;

export const resetPasswordSchema = z.object({ password });
export type ResetPassword = z.infer<typeof resetPasswordSchema>;

export const usersQuerySchema = z.object({
  /** console: duty officers, commanders, admins; contact: contacts' accounts. */
  kind: z.enum(['console', 'contact']).default('console'),
  q: z.string().trim().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type UsersQuery = z.infer<typeof usersQuerySchema>;

/** A user as the administration page shows it. */
export interface AdminUserDto extends UserDto {
  disabled: boolean;
  createdAt: string;
}

export type UserChangeAction =
  | 'created'
  | 'updated'
  | 'role_changed'
  | 'disabled'
  | 'enabled'
  | 'password_reset'
  | 'sessions_ended'
  | 'deleted';

/** Audit record of an administrator's change to an account (who: the event's actor). */
export interface UserChangedPayload {
  action: UserChangeAction;
  userId: string;
  username: string;
  role: Role;
  /** The role before, for role_changed. */
  fromRole?: Role;
}

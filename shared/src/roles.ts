export const ROLES = ['duty_officer', 'commander', 'contact', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that see the duty console (contacts only ever see their ack page). */
export const CONSOLE_ROLES: readonly Role[] = ['duty_officer', 'commander', 'admin'];

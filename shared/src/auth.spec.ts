import { loginRequestSchema } from './auth';
import { CALLOUT_ROLES, CONTACT_ROLES } from './reference';
import { CONSOLE_ROLES, ROLES } from './roles';

describe('shared contracts', () => {
  it('login requires a non-empty username and password', () => {
    expect(loginRequestSchema.safeParse({ username: 'duty', password: 'demo' }).success).toBe(true);
    const bad = loginRequestSchema.safeParse({ username: '', password: 'demo' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['username']);
    expect(loginRequestSchema.safeParse({ username: 'x'.repeat(65), password: 'p' }).success).toBe(
      false,
    );
  });

  it('calls out the four contacts of a point, keeping the backup for escalation', () => {
    expect(CALLOUT_ROLES).toEqual(['onsite_lead', 'drainage', 'traffic_police', 'fire_rescue']);
    expect(CONTACT_ROLES).toContain('onsite_lead_backup');
  });

  it('keeps contacts out of the console roles', () => {
    expect(CONSOLE_ROLES).not.toContain('contact');
    expect(ROLES).toHaveLength(4);
  });
});

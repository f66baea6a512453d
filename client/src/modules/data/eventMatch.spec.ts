import type { EventEnvelope } from '@sanfang/shared';
import { matchesEvent } from './eventMatch';

const event = (type: string) => ({ type, seq: 1 }) as unknown as EventEnvelope;

describe('matchesEvent', () => {
  it('matches an exact type and a family, and nothing else', () => {
    expect(matchesEvent(['incident.reported'], event('incident.reported'))).toBe(true);
    expect(matchesEvent(['incident.*'], event('incident.updated'))).toBe(true);
    expect(matchesEvent(['incident.*'], event('incidents_other.updated'))).toBe(false);
    expect(matchesEvent(['shelter.opened'], event('shelter.closed'))).toBe(false);
    expect(matchesEvent([], event('shelter.closed'))).toBe(false);
  });
});

import { randomUUID } from 'node:crypto';
import { AckTokens } from './ack-token';

const OLD = 'o'.repeat(32);
const NEW = 'n'.repeat(32);

describe(AckTokens.name, () => {
  it('verifies its own links and refuses another key', () => {
    const id = randomUUID();
    expect(new AckTokens(NEW).verify(new AckTokens(NEW).sign(id))).toBe(id);
    expect(new AckTokens(NEW).verify(new AckTokens(OLD).sign(id))).toBeNull();
  });

  it('during a rotation still accepts links signed with the previous key', () => {
    const id = randomUUID();
    const sentBefore = new AckTokens(OLD).sign(id);
    const rotated = new AckTokens(NEW, OLD);
    expect(rotated.verify(sentBefore)).toBe(id);
    // New links are signed with the new key only.
    expect(new AckTokens(OLD).verify(rotated.sign(id))).toBeNull();
  });
});

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

  it('a link signed under one label never verifies under another', () => {
    const id = '3f2b8c1e-7a4d-4e6f-9b0a-1c2d3e4f5a6b';
    const ack = new AckTokens('k');
    const answer = new AckTokens('k', null, 'sanfang-instruction');
    expect(answer.verify(answer.sign(id))).toBe(id);
    expect(ack.verify(answer.sign(id))).toBeNull();
    expect(answer.verify(ack.sign(id))).toBeNull();
  });

  it('refuses a link with its last character changed, though base64 would decode it alike', () => {
    const id = randomUUID();
    const tokens = new AckTokens(NEW);
    const link = tokens.sign(id);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // 32 bytes are 43 characters: the last one carries 4 bits and 2 unused ones.
    const last = alphabet.indexOf(link.at(-1)!);
    const altered = `${link.slice(0, -1)}${alphabet[last ^ 1]}`;
    expect(Buffer.from(altered, 'base64url')).toEqual(Buffer.from(link, 'base64url'));
    expect(tokens.verify(altered)).toBeNull();
    expect(tokens.verify(link)).toBe(id);
  });
});

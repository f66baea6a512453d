import { signShelterLink, verifyShelterLink } from './shelter-link-token';

const key = 'k'.repeat(40);
const claims = {
  shelterId: '0f8b2a52-7d7e-4c8e-9a53-3f1c2b9d5e01',
  version: 3,
  expiresAt: new Date('2025-06-12T00:00:00Z'),
};
const before = new Date('2025-06-11T00:00:00Z');

describe('shelter link tokens', () => {
  it('verifies what it signed until it expires', () => {
    const t = signShelterLink(key, claims);
    expect(verifyShelterLink(key, t, before)).toEqual(claims);
    expect(verifyShelterLink(key, t, claims.expiresAt)).toBeNull();
  });

  it('refuses a token with a changed version or a different key', () => {
    const t = signShelterLink(key, claims);
    expect(verifyShelterLink(key, t.replace('.3.', '.4.'), before)).toBeNull();
    expect(verifyShelterLink('x'.repeat(40), t, before)).toBeNull();
    expect(verifyShelterLink(key, 'garbage', before)).toBeNull();
  });
});

import { checkPgVersion, UnsupportedVersionError } from './pg-version';

describe('checkPgVersion', () => {
  it('accepts both ends of the supported range silently', () => {
    const warn = jest.fn();
    expect(checkPgVersion(150020, warn)).toBe(15);
    expect(checkPgVersion(180001, warn)).toBe(18);
    expect(warn).not.toHaveBeenCalled();
  });

  it('refuses an older major with a message naming the range', () => {
    expect(() => checkPgVersion(140011, () => undefined)).toThrow(UnsupportedVersionError);
    expect(() => checkPgVersion(140011, () => undefined)).toThrow(
      'PostgreSQL 14 is not supported: Sanfang needs PostgreSQL 15–18',
    );
  });

  it('warns on a newer, untested major', () => {
    const warn = jest.fn();
    expect(checkPgVersion(190000, warn)).toBe(19);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('PostgreSQL 19 is newer'));
  });
});

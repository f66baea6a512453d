import { ackTokenFromPath } from './ackPath';

describe(ackTokenFromPath.name, () => {
  it('reads the token of an ack link', () => {
    expect(ackTokenFromPath('/ack/abc_DEF-123')).toBe('abc_DEF-123');
    expect(ackTokenFromPath('/ack/abc/')).toBe('abc');
  });

  it('ignores other paths', () => {
    expect(ackTokenFromPath('/')).toBeNull();
    expect(ackTokenFromPath('/ack/')).toBeNull();
    expect(ackTokenFromPath('/ack/a/b')).toBeNull();
    expect(ackTokenFromPath('/acknowledge/x')).toBeNull();
  });
});

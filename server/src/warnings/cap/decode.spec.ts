import { CapError } from './cap-error';
import { charsetOf, decodeXml } from './decode';

const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof CapError ? `${e.status} ${e.code} ${e.path}` : String(e);
  }
  return undefined;
};

describe(decodeXml.name, () => {
  it('reads UTF-8 when nothing says otherwise', () => {
    expect(decodeXml(Buffer.from('<a>深圳</a>'))).toEqual({
      text: '<a>深圳</a>',
      encoding: 'utf-8',
      from: 'default',
    });
  });

  it('recognises UTF-16 without a byte-order mark from "<?" (XML 1.0 Appendix F)', () => {
    const xml = '<?xml version="1.0" encoding="UTF-16"?><a>台风</a>';
    const le = Buffer.from(xml, 'utf16le');
    const be = Buffer.from(le).swap16();
    expect(decodeXml(le).text).toBe(xml);
    expect(decodeXml(be)).toEqual(expect.objectContaining({ text: xml, encoding: 'utf-16be' }));
  });

  it('reads the declaration in single quotes and ignores encoding-like text elsewhere', () => {
    const xml = "<?xml version='1.0' encoding='ISO-8859-1'?><a>encoding=\"GB18030\" Usulután</a>";
    expect(decodeXml(Buffer.from(xml, 'latin1')).text).toBe(xml);
  });

  it('takes the charset parameter, quoted or not', () => {
    expect(charsetOf('application/cap+xml; charset="GB18030"')).toBe('gb18030');
    expect(charsetOf('application/xml;charset=utf-8')).toBe('utf-8');
    expect(charsetOf('application/cap+xml')).toBeNull();
    expect(charsetOf(undefined)).toBeNull();
  });

  it('refuses what it cannot read faithfully', () => {
    expect(code(() => decodeXml(Buffer.from([0x3c, 0x61, 0x3e, 0xc3, 0x28])))).toBe(
      '400 CAP_INVALID_ENCODING body',
    );
    expect(code(() => decodeXml(Buffer.from('<a/>'), 'x-unknown'))).toBe(
      '415 CAP_UNKNOWN_ENCODING headers.content-type',
    );
    expect(
      code(() =>
        decodeXml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<a/>')]), 'gbk'),
      ),
    ).toBe('400 CAP_INVALID_ENCODING headers.content-type');
  });
});

import { CapError } from './cap-error';

/** The text of a CAP body and the encoding it was read with. */
export interface DecodedXml {
  text: string;
  /** WHATWG encoding name, e.g. utf-8, gb18030, big5, windows-1252. */
  encoding: string;
  /** Where the encoding came from. */
  from: 'bom' | 'charset' | 'declaration' | 'default';
}

const BOMS: [number[], string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xfe, 0xff], 'utf-16be'],
  [[0xff, 0xfe], 'utf-16le'],
];

/** The charset parameter of a Content-Type header, lower case, or null. */
export function charsetOf(contentType: string | undefined): string | null {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m ? m[1]!.toLowerCase() : null;
}

function decoder(label: string, path: string): TextDecoder {
  try {
    // fatal: bytes that are not valid in the encoding are refused, never replaced by U+FFFD.
    return new TextDecoder(label, { fatal: true, ignoreBOM: false });
  } catch {
    throw new CapError(
      'CAP_UNKNOWN_ENCODING',
      `Encoding "${label}" is not supported (use UTF-8, UTF-16, GB18030/GBK/GB2312, Big5 or ISO-8859-x)`,
      path,
      415,
    );
  }
}

/** The encoding named by <?xml … encoding="…"?>, read as ASCII (XML 1.0 §4.3.3, Appendix F). */
function declared(bytes: Uint8Array): string | null {
  // UTF-16 without a byte-order mark: "<?" as 00 3C 00 3F or 3C 00 3F 00.
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f)
    return 'utf-16be';
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00)
    return 'utf-16le';
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  if (!head.startsWith('<?xml')) return null;
  const end = head.indexOf('?>');
  const decl = end === -1 ? head : head.slice(0, end);
  const m = /\sencoding\s*=\s*(?:"([A-Za-z][A-Za-z0-9._-]*)"|'([A-Za-z][A-Za-z0-9._-]*)')/.exec(
    decl,
  );
  return m ? (m[1] ?? m[2])!.toLowerCase() : null;
}

/**
 * Decodes a CAP body as RFC 7303 and XML 1.0 §4.3.3 say: a byte-order mark is authoritative
 * (RFC 7303 §3.3), then the HTTP charset, then the XML declaration, else UTF-8. A charset that
 * contradicts the byte-order mark, an unknown encoding or bytes invalid in the encoding are
 * refused; nothing is ever read with replacement characters.
 */
export function decodeXml(bytes: Uint8Array, httpCharset: string | null = null): DecodedXml {
  const bom = BOMS.find(([b]) => b.every((x, i) => bytes[i] === x));
  let label: string;
  let from: DecodedXml['from'];
  if (bom) {
    label = bom[1];
    from = 'bom';
    if (httpCharset) {
      const said = decoder(httpCharset, 'headers.content-type').encoding;
      const utf16 = said === 'utf-16le' && label.startsWith('utf-16');
      if (said !== label && !utf16) {
        throw new CapError(
          'CAP_INVALID_ENCODING',
          `The charset says ${said} but the byte-order mark says ${label}`,
          'headers.content-type',
          400,
        );
      }
    }
  } else if (httpCharset) {
    label = httpCharset;
    from = 'charset';
  } else {
    const d = declared(bytes);
    label = d ?? 'utf-8';
    from = d ? 'declaration' : 'default';
  }
  const path = from === 'charset' ? 'headers.content-type' : 'body';
  const dec = decoder(label, path);
  let text: string;
  try {
    text = dec.decode(bytes);
  } catch {
    throw new CapError(
      'CAP_INVALID_ENCODING',
      `The body is not valid ${dec.encoding} (encoding from the ${from === 'default' ? 'XML default, UTF-8' : from})`,
      'body',
      400,
    );
  }
  // A BOM the decoder kept (ignoreBOM: false strips it; belt and braces for UTF-16 labels).
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding: dec.encoding, from };
}

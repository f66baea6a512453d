import { CapError } from './cap-error';

export interface XmlLimits {
  maxDepth: number;
  maxElements: number;
  maxCharRefs: number;
}

// CAP's deepest path is alert/info/area/geocode/value (5); real messages have a few hundred
// elements at most, and Chinese text is sent as UTF-8, not as character references.
export const CAP_XML_LIMITS: XmlLimits = { maxDepth: 12, maxElements: 5_000, maxCharRefs: 5_000 };

const limit = (message: string): CapError => new CapError('CAP_XML_LIMIT', message, 'body', 400);

/**
 * Runs before any parser sees the text: refuses DTDs and entity declarations anywhere (also
 * after a BOM, whitespace or comments) and counts depth, elements and character references
 * with a linear scan, so hostile input is answered in time proportional to its length.
 */
export function guardXml(xml: string, limits: XmlLimits = CAP_XML_LIMITS): void {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw new CapError(
      'CAP_DTD_FORBIDDEN',
      'DOCTYPE and ENTITY declarations are refused (CAP never needs a DTD)',
      'body',
      400,
    );
  }
  let refs = 0;
  for (let i = xml.indexOf('&#'); i !== -1; i = xml.indexOf('&#', i + 2)) {
    if (++refs > limits.maxCharRefs) {
      throw limit(`More than ${limits.maxCharRefs} numeric character references`);
    }
  }
  let depth = 0;
  let elements = 0;
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt === -1) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end === -1) throw new CapError('CAP_INVALID_XML', 'Unterminated comment', 'body', 400);
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end === -1) throw new CapError('CAP_INVALID_XML', 'Unterminated CDATA', 'body', 400);
      i = end + 3;
    } else if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt + 2);
      if (end === -1)
        throw new CapError('CAP_INVALID_XML', 'Unterminated declaration', 'body', 400);
      i = end + 2;
    } else if (xml.startsWith('<!', lt)) {
      throw new CapError('CAP_DTD_FORBIDDEN', 'Markup declarations are refused', 'body', 400);
    } else {
      const end = tagEnd(xml, lt + 1);
      if (end === -1) throw new CapError('CAP_INVALID_XML', 'Unterminated tag', 'body', 400);
      if (xml[lt + 1] === '/') depth--;
      else {
        if (++elements > limits.maxElements) {
          throw limit(`More than ${limits.maxElements} elements`);
        }
        if (xml[end - 1] !== '/' && ++depth > limits.maxDepth) {
          throw limit(`Elements nested deeper than ${limits.maxDepth}`);
        }
      }
      i = end + 1;
    }
  }
}

/** Index of the `>` closing a tag, skipping quoted attribute values; -1 if none. */
function tagEnd(xml: string, from: number): number {
  let quote: string | null = null;
  for (let j = from; j < xml.length; j++) {
    const c = xml[j];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j;
  }
  return -1;
}

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CapError } from './cap-error';

/** An element with its namespace resolved and its text decoded. */
export interface XmlElement {
  ns: string | null;
  local: string;
  children: XmlElement[];
  /** Character data directly inside (decoded; CDATA verbatim). */
  text: string;
}

type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Entities are decoded below (the five predefined plus numeric), never by the parser.
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
});

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (m, e: string) => {
    if (e.startsWith('#')) {
      const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0) {
        throw new CapError('CAP_INVALID_XML', `Invalid character reference ${m}`, 'body', 400);
      }
      return String.fromCodePoint(cp);
    }
    const v = PREDEFINED[e];
    if (v === undefined) {
      throw new CapError('CAP_INVALID_XML', `Undeclared entity ${m}`, 'body', 400);
    }
    return v;
  });
}

/** Parses guarded XML into a namespace-resolved tree (the one root element). */
export function parseXml(xml: string): XmlElement {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new CapError(
      'CAP_INVALID_XML',
      `Not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, col ${valid.err.col})`,
      'body',
      400,
    );
  }
  if (/&(?!#x[0-9a-fA-F]{1,6};|#[0-9]{1,7};|amp;|lt;|gt;|quot;|apos;)/.test(stripCdata(xml))) {
    throw new CapError('CAP_INVALID_XML', 'A bare or undeclared & in the text', 'body', 400);
  }
  const nodes = parser.parse(xml) as OrderedNode[];
  const roots = nodes.flatMap((n) => toElements(n, new Map()));
  const root = roots[0];
  if (roots.length !== 1 || !root) {
    throw new CapError('CAP_INVALID_XML', 'Expected exactly one root element', 'body', 400);
  }
  return root;
}

const stripCdata = (xml: string): string => xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');

function toElements(node: OrderedNode, scope: Map<string, string>): XmlElement[] {
  const out: XmlElement[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === ':@' || key === '#text' || key === '#cdata') continue;
    const attrs = (node[':@'] ?? {}) as Record<string, string>;
    const inner = new Map(scope);
    for (const [a, v] of Object.entries(attrs)) {
      if (a === 'xmlns') inner.set('', v);
      else if (a.startsWith('xmlns:')) inner.set(a.slice(6), v);
    }
    const colon = key.indexOf(':');
    const prefix = colon === -1 ? '' : key.slice(0, colon);
    const local = colon === -1 ? key : key.slice(colon + 1);
    const el: XmlElement = { ns: inner.get(prefix) ?? null, local, children: [], text: '' };
    for (const child of (value ?? []) as OrderedNode[]) {
      if ('#text' in child) el.text += decode(String(child['#text']));
      else if ('#cdata' in child) {
        for (const c of child['#cdata'] as OrderedNode[])
          el.text += typeof c['#text'] === 'string' ? c['#text'] : '';
      } else el.children.push(...toElements(child, inner));
    }
    out.push(el);
  }
  return out;
}

import { XMLParser } from 'fast-xml-parser';
import { CapError } from '../cap/cap-error';
import { guardXml } from '../cap/xml-guard';

export interface IndexEntry {
  id: string;
  url: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: false,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => ['entry', 'item', 'link', 'enclosure'].includes(name),
});

type Node = Record<string, unknown>;
const str = (v: unknown): string =>
  typeof v === 'string'
    ? v.trim()
    : typeof v === 'object' && v && '#text' in v
      ? String((v as Node)['#text']).trim()
      : '';
/** A string attribute or text, else ''. */
const attr = (n: Node | undefined, k: string): string => {
  const v = n?.[k];
  return typeof v === 'string' ? v : '';
};
const unescape = (s: string): string =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");

/** Entries of an Atom or RSS index with the link to each CAP message (cap+xml preferred). */
export function parseIndex(xml: string, base: string): IndexEntry[] {
  guardXml(xml, { maxDepth: 12, maxElements: 50_000, maxCharRefs: 5_000 });
  let doc: Node;
  try {
    doc = parser.parse(xml, true) as Node;
  } catch (e) {
    throw new CapError(
      'CAP_INVALID_XML',
      `index is not well-formed XML: ${String(e)}`,
      'index',
      400,
    );
  }
  const out: IndexEntry[] = [];
  const feed = doc.feed as Node | undefined;
  const channel = (doc.rss as Node | undefined)?.channel as Node | undefined;
  if (feed) {
    for (const e of (feed.entry ?? []) as Node[]) {
      const links = (e.link ?? []) as Node[];
      const cap = links.find((l) => /cap\+xml|xml/i.test(attr(l, '@type'))) ?? links[0];
      const href = attr(cap, '@href');
      if (href) out.push({ id: str(e.id) || href, url: new URL(unescape(href), base).toString() });
    }
  } else if (channel) {
    for (const i of (channel.item ?? []) as Node[]) {
      const enc = ((i.enclosure ?? []) as Node[]).find((x) => /xml/i.test(attr(x, '@type')));
      const link = enc ? attr(enc, '@url') : str(((i.link ?? []) as unknown[])[0]);
      if (link)
        out.push({ id: str(i.guid) || link, url: new URL(unescape(link), base).toString() });
    }
  } else {
    throw new CapError(
      'CAP_INVALID_XML',
      'index is neither Atom <feed> nor RSS <rss>',
      'index',
      400,
    );
  }
  return out;
}

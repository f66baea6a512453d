import { SaxesParser, type SaxesTagNS } from 'saxes';
import { CapError } from './cap-error';

/** An element with its namespace resolved and its text decoded. */
export interface XmlElement {
  ns: string | null;
  local: string;
  children: XmlElement[];
  /** Character data directly inside (decoded; CDATA verbatim). */
  text: string;
}

/** A prefix no declaration binds: the element keeps a null namespace, as an unprefixed one. */
const UNBOUND = '\u0000unbound';

/**
 * Parses guarded XML into a namespace-resolved tree (the one root element), in one strict
 * pass: saxes checks well-formedness (XML 1.0 and Namespaces in XML) while it builds, decodes
 * the five predefined entities and character references, and refuses any other entity, a
 * bare `&`, a reference to a character XML does not allow, text outside the root and a
 * second root. (It replaced fast-xml-parser's validate-then-parse, two passes, for issue 21.)
 */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser<{
    xmlns: true;
    position: true;
    resolvePrefix: (p: string) => string;
  }>({
    xmlns: true,
    position: true,
    resolvePrefix: () => UNBOUND,
  });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let error: string | null = null;
  parser.on('error', (e) => {
    error ??= e.message;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const el: XmlElement = {
      ns: tag.uri === '' || tag.uri === UNBOUND ? null : tag.uri,
      local: tag.local,
      children: [],
      text: '',
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root ??= el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const append = (t: string): void => {
    const el = stack[stack.length - 1];
    if (el) el.text += t;
  };
  parser.on('text', append);
  parser.on('cdata', append);
  try {
    parser.write(xml).close();
  } catch (e) {
    error ??= e instanceof Error ? e.message : String(e);
  }
  if (error !== null) {
    // saxes says "line:column: what"; the answer names the place as the validator did.
    const m = /^(\d+):(\d+): (.*)$/s.exec(error);
    const where = m ? ` (line ${m[1]}, col ${m[2]})` : '';
    throw new CapError(
      'CAP_INVALID_XML',
      `Not well-formed XML: ${(m?.[3] ?? error).replace(/\.$/, '')}${where}`,
      'body',
      400,
    );
  }
  if (!root) {
    throw new CapError('CAP_INVALID_XML', 'Expected exactly one root element', 'body', 400);
  }
  return root;
}

import { CapError } from './cap-error';
import { parseXml } from './xml-tree';

const CAP = 'urn:oasis:names:tc:emergency:cap:1.2';

const refusal = (xml: string): CapError => {
  try {
    parseXml(xml);
  } catch (e) {
    if (e instanceof CapError) return e;
    throw e;
  }
  throw new Error(`accepted: ${xml}`);
};

describe('parseXml (one strict pass)', () => {
  it('resolves namespaces, decodes entities and character references, keeps CDATA verbatim', () => {
    const root = parseXml(
      `<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="${CAP}" xmlns:x="urn:x">` +
        `<headline>&lt;暴雨&gt; &amp; &#x9EC4;&#33394;</headline><x:note><![CDATA[<&>]]>a<!-- c -->b</x:note>` +
        `<p:odd>1</p:odd></alert>\n`,
    );
    expect(root).toMatchObject({ ns: CAP, local: 'alert' });
    expect(root.children.map((c) => [c.ns, c.local, c.text])).toEqual([
      [CAP, 'headline', '<暴雨> & 黄色'],
      ['urn:x', 'note', '<&>ab'],
      // An undeclared prefix leaves the element outside every namespace (no CAP element).
      [null, 'odd', '1'],
    ]);
  });

  it.each([
    ['an undeclared entity', '<a>&x;</a>'],
    ['a bare ampersand', '<a>fish & chips</a>'],
    ['a reference to NUL', '<a>&#0;</a>'],
    ['a reference to a lone surrogate', '<a>&#xD800;</a>'],
    ['a mismatched end tag', '<a></b>'],
    ['an unclosed element', '<a><b></b>'],
    ['two roots', '<a/><b/>'],
    ['text after the root', '<a/>trailing'],
    ['a control character', '<a>\u0001</a>'],
    ['"]]>" in text', '<a>]]></a>'],
    ['a repeated attribute', '<a b="1" b="2"/>'],
    ['nothing', '   '],
  ])('refuses %s as not well-formed XML, with the place', (_, xml) => {
    const e = refusal(xml);
    expect(e.code).toBe('CAP_INVALID_XML');
    expect(e.message).toMatch(/^Not well-formed XML: .+ \(line \d+, col \d+\)$/);
  });
});

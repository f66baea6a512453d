import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { capXml } from '../warnings/cap-factory';

const SCENARIOS = join(__dirname, '../../scenarios');

/** Bad CAP the warnings feature refuses, gathered in one place for the sweep. */
export function badCap(): { name: string; xml: string }[] {
  const withDecl = (decl: string): string => capXml().replace('<alert', `${decl}\n<alert`);
  const laughs = Array.from(
    { length: 10 },
    (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`,
  ).join('');
  return [
    {
      name: 'doctype bomb (scenario)',
      xml: readFileSync(join(SCENARIOS, 'out-of-order/04-doctype-bomb.xml'), 'utf8'),
    },
    { name: 'XXE', xml: withDecl('<!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]>') },
    { name: 'billion laughs', xml: withDecl(`<!DOCTYPE alert [<!ENTITY l0 "lol">${laughs}]>`) },
    {
      name: 'hidden lower-case doctype',
      xml: `\uFEFF  <!-- hi --><!doctype alert>${capXml().replace(/^<\?xml[^>]*>/, '')}`,
    },
    {
      name: '100k character references',
      xml: capXml().replace('<headline>', `<headline>${'&#65;'.repeat(100_000)}`),
    },
    {
      name: 'body over 1 MiB',
      xml: capXml().replace('<headline>', `<headline>${'a'.repeat(1_100_000)}`),
    },
    {
      name: 'deep nesting',
      xml: capXml().replace('<headline>', `<headline>${'<a>'.repeat(50)}${'</a>'.repeat(50)}`),
    },
    {
      name: 'too many elements',
      xml: capXml().replace(
        '</areaDesc>',
        `</areaDesc>${'<geocode><valueName>x</valueName><value>1</value></geocode>'.repeat(2_000)}`,
      ),
    },
    { name: 'missing identifier', xml: capXml().replace(/<identifier>[^<]*<\/identifier>/, '') },
    { name: 'bad status', xml: capXml({ status: 'Whatever' }) },
    {
      name: 'unclosed polygon',
      xml: capXml().replace(
        '</areaDesc>',
        '</areaDesc><polygon>22.5,113.8 22.6,113.8 22.6,113.9 22.5,113.9</polygon>',
      ),
    },
    {
      name: 'Update without references',
      xml: capXml().replace('<msgType>Alert', '<msgType>Update'),
    },
    {
      name: 'malformed reference',
      xml: capXml().replace(
        '<scope>Public</scope>',
        '<scope>Public</scope><references>only,two</references>',
      ),
    },
    { name: 'not XML', xml: '{"identifier": "x"}' },
    { name: 'empty', xml: '' },
  ];
}

import type { Warning } from './entities/warning.entity';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Atom index of active warnings, each linking to its stored CAP message. */
export function renderActiveAtom(baseUrl: string, warnings: Warning[], now: Date): string {
  const entries = warnings.map(
    (w) => `  <entry>
    <id>urn:sanfang:warning:${w.id}:${w.currentMessageId}</id>
    <title>${esc(w.headline || w.hazard)}</title>
    <updated>${w.updatedAt.toISOString()}</updated>
    <link rel="alternate" type="application/cap+xml" href="${esc(`${baseUrl}/api/feeds/cap/messages/${w.currentMessageId}/cap.xml`)}"/>
    <category term="${esc(w.hazard)}"/>${w.colour ? `\n    <category term="${w.colour}" scheme="urn:sanfang:signal-colour"/>` : ''}
  </entry>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>urn:sanfang:warnings:active</id>
  <title>宝安区三防 active warnings</title>
  <updated>${now.toISOString()}</updated>
  <link rel="self" href="${esc(`${baseUrl}/api/feeds/cap/active.atom`)}"/>
${entries.join('\n')}
</feed>
`;
}

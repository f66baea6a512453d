import {
  deltaTo,
  loadScenario,
  shiftTimes,
  type Scenario,
} from '../../src/warnings/scenario/scenario';

/** A scenario's fixtures shifted so its base time is `now` (+ offset). */
export function scenario(name: string, offsetMs = 0): Scenario {
  const s = loadScenario(name);
  const delta = deltaTo(s, new Date()) + offsetMs;
  return { ...s, steps: s.steps.map((st) => ({ ...st, xml: shiftTimes(st.xml, delta) })) };
}

const NS = 'urn:oasis:names:tc:emergency:cap:1.2';
const iso = (d: Date): string => {
  const b = new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
  return `${b}+08:00`;
};

let n = 0;
/** A valid Actual rainstorm Alert; pieces can be overridden to break one rule at a time. */
export function capXml(
  o: {
    identifier?: string;
    sender?: string;
    sent?: Date;
    status?: string;
    msgType?: string;
    references?: string;
    colour?: string;
    area?: string;
    extraArea?: string;
    expires?: Date;
    headline?: string;
  } = {},
): string {
  const sent = o.sent ?? new Date(Date.now() - 60_000);
  const id = o.identifier ?? `T${Date.now()}_${n++}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="${NS}">
  <identifier>${id}</identifier>
  <sender>${o.sender ?? '44030041600000'}</sender>
  <sent>${iso(sent)}</sent>
  <status>${o.status ?? 'Actual'}</status>
  <msgType>${o.msgType ?? 'Alert'}</msgType>
  <scope>Public</scope>${o.references ? `\n  <references>${o.references}</references>` : ''}
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>暴雨</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>${o.expires ? `\n    <expires>${iso(o.expires)}</expires>` : ''}
    <headline>${o.headline ?? `深圳市气象台发布宝安区暴雨${o.colour ?? '黄'}色预警`}</headline>
    <area>
      <areaDesc>${o.area ?? '宝安区(新安、西乡街道)'}</areaDesc>${o.extraArea ?? ''}
    </area>
  </info>
</alert>
`;
}

export const refOf = (xml: string): string => {
  const get = (t: string): string => new RegExp(`<${t}>([^<]*)</${t}>`).exec(xml)![1]!;
  return `${get('sender')},${get('identifier')},${get('sent')}`;
};

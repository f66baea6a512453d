import type { CapMsgType, CapScope, CapStatus, LonLat } from '@sanfang/shared';
import { CapError } from './cap-error';
import { CAP_NS, DSIG_NS, ENUMS, SEQUENCES } from './cap-schema';
import type { CapAlert, CapArea, CapCircle, CapInfo, CapRef, NameValue } from './cap-types';
import { guardXml } from './xml-guard';
import { parseXml, type XmlElement } from './xml-tree';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([-+])(\d{2}):(\d{2})$/;
// CAP: identifier and sender MUST NOT include spaces, commas or restricted characters (< &).
const ID_CHARS = /^[^\s,<&]+$/;

const invalid = (path: string, message: string): CapError =>
  new CapError('CAP_INVALID_VALUE', `${path}: ${message}`, path);

/** Guard, parse and validate one CAP 1.2 message; throws CapError with a path. */
export function parseCap(xml: string): CapAlert {
  return parseCapTree(xml).alert;
}

/** parseCap, also returning the element tree (signature verification reads it). */
export function parseCapTree(xml: string): { alert: CapAlert; root: XmlElement } {
  guardXml(xml);
  const root = parseXml(xml);
  if (root.local !== 'alert' || root.ns !== CAP_NS) {
    throw new CapError(
      'CAP_NAMESPACE',
      `Root is <${root.local}> in namespace ${root.ns ?? '(none)'}; expected <alert> in ${CAP_NS}`,
      'alert',
    );
  }
  checkTree(root, 'alert');
  return { alert: toAlert(root), root };
}

/** Every element in the CAP namespace, in sequence order, with its occurrence bounds. */
function checkTree(el: XmlElement, path: string): void {
  const seq = SEQUENCES[el.local];
  if (!seq) {
    if (el.children.length > 0) {
      throw new CapError('CAP_UNKNOWN_ELEMENT', `${path} must hold only text`, path);
    }
    return;
  }
  if (el.text.trim() !== '') {
    throw new CapError('CAP_INVALID_VALUE', `${path} must not hold text directly`, path);
  }
  let p = 0;
  const counts = new Map<string, number>();
  const indexOf = new Map<string, number>();
  let signature: string | null = null;
  for (const [at, child] of el.children.entries()) {
    const i = indexOf.get(child.local) ?? 0;
    indexOf.set(child.local, i + 1);
    const childPath = `${path}.${child.local}[${i}]`;
    // CAP 1.2 ends alert with <any namespace="xmldsig#" processContents="lax"/>: a sender may
    // sign its message (enveloped XML signature); nothing in CAP may follow it.
    if (path === 'alert' && child.ns === DSIG_NS) {
      signature ??= childPath;
      continue;
    }
    if (signature) {
      throw new CapError(
        'CAP_ELEMENT_ORDER',
        `${childPath} comes after ${signature} (an XML signature ends the alert)`,
        childPath,
      );
    }
    if (child.ns !== CAP_NS) {
      throw new CapError(
        'CAP_UNKNOWN_ELEMENT',
        `${childPath} is in namespace ${child.ns ?? '(none)'}, not CAP 1.2`,
        childPath,
      );
    }
    let q = p;
    while (q < seq.length && seq[q]!.name !== child.local) q++;
    if (q === seq.length) {
      const known = seq.some((s) => s.name === child.local);
      throw new CapError(
        known ? 'CAP_ELEMENT_ORDER' : 'CAP_UNKNOWN_ELEMENT',
        known
          ? `${childPath} is out of order (CAP 1.2 fixes the sequence of ${el.local})`
          : `${childPath}: <${child.local}> is not a CAP 1.2 element of ${el.local}`,
        childPath,
      );
    }
    for (let k = p; k < q; k++) {
      const skipped = seq[k]!;
      // A required element that comes later is misplaced rather than missing.
      if (
        (counts.get(skipped.name) ?? 0) < skipped.min &&
        el.children.slice(at).some((c) => c.local === skipped.name)
      ) {
        throw new CapError(
          'CAP_ELEMENT_ORDER',
          `${path}.${skipped.name} must come before ${child.local} (CAP 1.2 sequence)`,
          `${path}.${skipped.name}`,
        );
      }
      requireMin(skipped, counts, path);
    }
    p = q;
    const slot = seq[q]!;
    const n = (counts.get(slot.name) ?? 0) + 1;
    if (n > slot.max) {
      throw new CapError(
        'CAP_ELEMENT_ORDER',
        `${childPath}: <${slot.name}> may appear once`,
        childPath,
      );
    }
    counts.set(slot.name, n);
    checkTree(child, childPath);
  }
  for (let k = p; k < seq.length; k++) requireMin(seq[k]!, counts, path);
}

function requireMin(
  slot: { name: string; min: number },
  counts: Map<string, number>,
  path: string,
) {
  if ((counts.get(slot.name) ?? 0) < slot.min) {
    throw new CapError(
      'CAP_MISSING_ELEMENT',
      `${path}.${slot.name} is required`,
      `${path}.${slot.name}`,
    );
  }
}

const all = (el: XmlElement, name: string): XmlElement[] =>
  el.children.filter((c) => c.local === name);
const text = (el: XmlElement, name: string): string | null => {
  const c = el.children.find((x) => x.local === name);
  return c ? c.text.trim() : null;
};
const req = (el: XmlElement, name: string, path: string): string => {
  const v = text(el, name);
  if (v === null || v === '') {
    throw new CapError('CAP_MISSING_ELEMENT', `${path}.${name} is empty`, `${path}.${name}`);
  }
  return v;
};

function oneOf<T extends string>(v: string, allowed: readonly T[], path: string): T {
  if (!(allowed as readonly string[]).includes(v)) {
    throw invalid(path, `"${v}" is not one of ${allowed.join(', ')} (case-sensitive)`);
  }
  return v as T;
}

export function parseDateTime(v: string, path: string): Date {
  const m = DATE_TIME.exec(v);
  if (!m) throw invalid(path, `"${v}" is not a CAP date-time with a numeric offset`);
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  const utc = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!);
  const check = new Date(utc);
  if (
    check.getUTCMonth() !== +mo! - 1 ||
    check.getUTCDate() !== +d! ||
    +h! > 23 ||
    +mi! > 59 ||
    +s! > 59 ||
    +oh! > 14 ||
    +om! > 59
  ) {
    throw invalid(path, `"${v}" is not a real date-time`);
  }
  const offset = (sign === '-' ? -1 : 1) * (+oh! * 60 + +om!);
  return new Date(utc - offset * 60_000);
}

function identity(v: string, path: string): string {
  if (!ID_CHARS.test(v)) throw invalid(path, 'must not contain spaces, commas, < or &');
  return v;
}

function toAlert(root: XmlElement): CapAlert {
  const p = 'alert';
  const identifier = identity(req(root, 'identifier', p), `${p}.identifier`);
  const sender = identity(req(root, 'sender', p), `${p}.sender`);
  const sent = parseDateTime(req(root, 'sent', p), `${p}.sent`);
  const status = oneOf<CapStatus>(req(root, 'status', p), ENUMS.status, `${p}.status`);
  const msgType = oneOf<CapMsgType>(req(root, 'msgType', p), ENUMS.msgType, `${p}.msgType`);
  const scope = oneOf<CapScope>(req(root, 'scope', p), ENUMS.scope, `${p}.scope`);
  const restriction = text(root, 'restriction') ?? '';
  const addresses = text(root, 'addresses') ?? '';
  if (scope === 'Restricted' && restriction === '') {
    throw new CapError(
      'CAP_MISSING_ELEMENT',
      'scope Restricted requires <restriction>',
      `${p}.restriction`,
    );
  }
  if (scope === 'Private' && addresses === '') {
    throw new CapError(
      'CAP_MISSING_ELEMENT',
      'scope Private requires <addresses>',
      `${p}.addresses`,
    );
  }
  const self: CapRef = { sender, identifier, sent };
  const references = parseReferences(text(root, 'references'), self);
  if (msgType !== 'Alert' && references.length === 0) {
    throw new CapError(
      'CAP_MISSING_ELEMENT',
      `msgType ${msgType} requires <references> to the messages it concerns`,
      `${p}.references`,
    );
  }
  const infos = all(root, 'info').map((el, i) => toInfo(el, `${p}.info[${i}]`));
  if (infos.length === 0 && (msgType === 'Alert' || msgType === 'Update')) {
    throw new CapError(
      'CAP_MISSING_ELEMENT',
      `msgType ${msgType} needs at least one <info>`,
      `${p}.info`,
    );
  }
  return {
    identifier,
    sender,
    sent,
    status,
    msgType,
    signed: root.children.some((c) => c.ns === DSIG_NS && c.local === 'Signature'),
    source: text(root, 'source') ?? '',
    scope,
    restriction,
    addresses,
    note: text(root, 'note') ?? '',
    references,
    infos,
  };
}

export function parseReferences(v: string | null, self: CapRef): CapRef[] {
  if (v === null || v === '') return [];
  const path = 'alert.references';
  return v.split(/\s+/).map((triple, i) => {
    const parts = triple.split(',');
    if (parts.length !== 3 || parts.some((x) => x === '')) {
      throw new CapError(
        'CAP_INVALID_REFERENCE',
        `reference ${i + 1} "${triple}" is not sender,identifier,sent`,
        path,
      );
    }
    const [sender, identifier, sentText] = parts as [string, string, string];
    let sent: Date;
    try {
      sent = parseDateTime(sentText, path);
    } catch {
      throw new CapError(
        'CAP_INVALID_REFERENCE',
        `reference ${i + 1} has a bad sent "${sentText}"`,
        path,
      );
    }
    if (sender === self.sender && identifier === self.identifier && +sent === +self.sent) {
      throw new CapError('CAP_INVALID_REFERENCE', `reference ${i + 1} is the message itself`, path);
    }
    if (+sent > +self.sent) {
      throw new CapError(
        'CAP_INVALID_REFERENCE',
        `reference ${i + 1} was sent after this message (post-dated)`,
        path,
      );
    }
    return { sender, identifier, sent };
  });
}

function nameValues(el: XmlElement, name: string, path: string): NameValue[] {
  return all(el, name).map((c, i) => ({
    valueName: req(c, 'valueName', `${path}.${name}[${i}]`),
    // Codes stay strings ("0001" is not 1).
    value: text(c, 'value') ?? '',
  }));
}

function optDate(el: XmlElement, name: string, path: string): Date | null {
  const v = text(el, name);
  return v === null ? null : parseDateTime(v, `${path}.${name}`);
}

function toInfo(el: XmlElement, p: string): CapInfo {
  const categories = all(el, 'category').map((c, i) =>
    oneOf(c.text.trim(), ENUMS.category, `${p}.category[${i}]`),
  );
  const responseTypes = all(el, 'responseType').map((c, i) =>
    oneOf(c.text.trim(), ENUMS.responseType, `${p}.responseType[${i}]`),
  );
  const effective = optDate(el, 'effective', p);
  const onset = optDate(el, 'onset', p);
  const expires = optDate(el, 'expires', p);
  return {
    language: text(el, 'language') || 'en-US',
    categories,
    event: req(el, 'event', p),
    responseTypes,
    urgency: oneOf(req(el, 'urgency', p), ENUMS.urgency, `${p}.urgency`),
    severity: oneOf(req(el, 'severity', p), ENUMS.severity, `${p}.severity`),
    certainty: oneOf(req(el, 'certainty', p), ENUMS.certainty, `${p}.certainty`),
    eventCodes: nameValues(el, 'eventCode', p),
    effective,
    onset,
    expires,
    senderName: text(el, 'senderName') ?? '',
    headline: text(el, 'headline') ?? '',
    description: text(el, 'description') ?? '',
    instruction: text(el, 'instruction') ?? '',
    parameters: nameValues(el, 'parameter', p),
    resources: all(el, 'resource').map((r, i) => ({
      resourceDesc: req(r, 'resourceDesc', `${p}.resource[${i}]`),
      mimeType: req(r, 'mimeType', `${p}.resource[${i}]`),
      uri: text(r, 'uri'),
    })),
    areas: all(el, 'area').map((a, i) => toArea(a, `${p}.area[${i}]`)),
  };
}

function toArea(el: XmlElement, p: string): CapArea {
  if (text(el, 'ceiling') !== null && text(el, 'altitude') === null) {
    throw new CapError('CAP_MISSING_ELEMENT', 'ceiling requires altitude', `${p}.altitude`);
  }
  return {
    areaDesc: req(el, 'areaDesc', p),
    polygons: all(el, 'polygon').map((c, i) => parsePolygon(c.text.trim(), `${p}.polygon[${i}]`)),
    circles: all(el, 'circle').map((c, i) => parseCircle(c.text.trim(), `${p}.circle[${i}]`)),
    geocodes: nameValues(el, 'geocode', p),
  };
}

const geom = (path: string, message: string): CapError =>
  new CapError('CAP_INVALID_GEOMETRY', `${path}: ${message}`, path);

function parsePoint(pair: string, path: string, what: string): LonLat {
  const m = /^(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)$/.exec(pair);
  if (!m) throw geom(path, `${what} "${pair}" is not lat,lon`);
  const lat = Number(m[1]);
  const lon = Number(m[2]);
  if (lat < -90 || lat > 90) {
    throw geom(
      path,
      `${what} "${pair}": latitude ${lat} is out of range` +
        (Math.abs(lon) <= 90 ? ' (CAP writes lat,lon: this looks like lon,lat)' : ''),
    );
  }
  if (lon < -180 || lon > 180)
    throw geom(path, `${what} "${pair}": longitude ${lon} is out of range`);
  return [lon, lat];
}

/** CAP polygon: whitespace-separated lat,lon pairs, ≥ 4, first == last. */
export function parsePolygon(v: string, path: string): LonLat[] {
  const pairs = v.split(/\s+/).filter((x) => x !== '');
  if (pairs.length < 4) throw geom(path, `needs at least 4 lat,lon pairs, got ${pairs.length}`);
  const ring = pairs.map((pair, i) => parsePoint(pair, path, `point ${i + 1}`));
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    throw geom(path, 'is not closed (the first pair must equal the last)');
  }
  return ring;
}

/** CAP circle: "lat,lon radiusKm". */
export function parseCircle(v: string, path: string): CapCircle {
  const m = /^(\S+)\s+(\d+(?:\.\d+)?)$/.exec(v);
  if (!m) throw geom(path, `"${v}" is not "lat,lon radius"`);
  return { centre: parsePoint(m[1]!, path, 'centre'), radiusKm: Number(m[2]) };
}

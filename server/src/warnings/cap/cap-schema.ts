/** CAP 1.2's xs:sequence for each complex element: name, min and max occurrences. */
export interface Slot {
  name: string;
  min: number;
  max: number;
}

const one = (name: string): Slot => ({ name, min: 1, max: 1 });
const opt = (name: string): Slot => ({ name, min: 0, max: 1 });
const many = (name: string, min = 0): Slot => ({ name, min, max: Infinity });

export const CAP_NS = 'urn:oasis:names:tc:emergency:cap:1.2';
/** W3C XML Signature, the one foreign namespace CAP 1.2 allows (at the end of alert). */
export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

export const SEQUENCES: Record<string, Slot[]> = {
  alert: [
    one('identifier'),
    one('sender'),
    one('sent'),
    one('status'),
    one('msgType'),
    opt('source'),
    one('scope'),
    opt('restriction'),
    opt('addresses'),
    many('code'),
    opt('note'),
    opt('references'),
    opt('incidents'),
    many('info'),
  ],
  info: [
    opt('language'),
    many('category', 1),
    one('event'),
    many('responseType'),
    one('urgency'),
    one('severity'),
    one('certainty'),
    opt('audience'),
    many('eventCode'),
    opt('effective'),
    opt('onset'),
    opt('expires'),
    opt('senderName'),
    opt('headline'),
    opt('description'),
    opt('instruction'),
    opt('web'),
    opt('contact'),
    many('parameter'),
    many('resource'),
    many('area'),
  ],
  eventCode: [one('valueName'), one('value')],
  parameter: [one('valueName'), one('value')],
  geocode: [one('valueName'), one('value')],
  resource: [
    one('resourceDesc'),
    one('mimeType'),
    opt('size'),
    opt('uri'),
    opt('derefUri'),
    opt('digest'),
  ],
  area: [
    one('areaDesc'),
    many('polygon'),
    many('circle'),
    many('geocode'),
    opt('altitude'),
    opt('ceiling'),
  ],
};

export const ENUMS = {
  status: ['Actual', 'Exercise', 'System', 'Test', 'Draft'],
  msgType: ['Alert', 'Update', 'Cancel', 'Ack', 'Error'],
  scope: ['Public', 'Restricted', 'Private'],
  category: [
    'Geo',
    'Met',
    'Safety',
    'Security',
    'Rescue',
    'Fire',
    'Health',
    'Env',
    'Transport',
    'Infra',
    'CBRNE',
    'Other',
  ],
  responseType: [
    'Shelter',
    'Evacuate',
    'Prepare',
    'Execute',
    'Avoid',
    'Monitor',
    'Assess',
    'AllClear',
    'None',
  ],
  urgency: ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'],
  severity: ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'],
  certainty: ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'],
} as const;

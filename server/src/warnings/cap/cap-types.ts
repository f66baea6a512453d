import type { CapMsgType, CapScope, CapStatus, LonLat } from '@sanfang/shared';

export interface NameValue {
  valueName: string;
  value: string;
}

/** A message identity: (sender, identifier, sent); `sent` compared as an instant. */
export interface CapRef {
  sender: string;
  identifier: string;
  sent: Date;
}

export interface CapCircle {
  centre: LonLat;
  radiusKm: number;
}

export interface CapArea {
  areaDesc: string;
  /** Converted to WGS84 [lon, lat] at this edge. */
  polygons: LonLat[][];
  circles: CapCircle[];
  geocodes: NameValue[];
}

export interface CapResource {
  resourceDesc: string;
  mimeType: string;
  /** Kept as text; the server never fetches it. */
  uri: string | null;
}

export interface CapInfo {
  language: string;
  categories: string[];
  event: string;
  responseTypes: string[];
  urgency: string;
  severity: string;
  certainty: string;
  eventCodes: NameValue[];
  effective: Date | null;
  onset: Date | null;
  expires: Date | null;
  senderName: string;
  headline: string;
  description: string;
  instruction: string;
  parameters: NameValue[];
  resources: CapResource[];
  areas: CapArea[];
}

export interface CapAlert {
  identifier: string;
  sender: string;
  sent: Date;
  status: CapStatus;
  msgType: CapMsgType;
  /** The alert carries an enveloped <ds:Signature> (verified only where the feed trusts certificates). */
  signed: boolean;
  source: string;
  scope: CapScope;
  restriction: string;
  addresses: string;
  note: string;
  references: CapRef[];
  infos: CapInfo[];
}

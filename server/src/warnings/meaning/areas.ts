import { DISTRICT_CODE, type AreaGeometry } from '@sanfang/shared';
import type { CapArea } from '../cap/cap-types';
import { circleIntersects, ringIntersects } from './geometry';

export interface SubdistrictShape {
  code: string;
  /** e.g. 松岗街道 */
  name: string;
  geometry: AreaGeometry;
}

export interface AreaMatch {
  /** Sorted; empty when districtWide or when nothing of Bao'an is concerned. */
  subdistrictCodes: string[];
  districtWide: boolean;
  /** False when no area touches Bao'an (stored and shown, never acted on). */
  inDistrict: boolean;
}

const shortName = (n: string): string => n.replace(/街道$/, '');

// Descriptions that name the whole district (or the whole city, which contains it).
const WHOLE =
  /宝安区(?:全区|全境)?\s*$|^\s*宝安区?\s*$|深圳市?全市|^\s*全市\s*$|^\s*深圳市\s*$|全区/;

/**
 * The subdistricts a message concerns, from polygons/circles (intersection on WGS84), geocodes
 * (440306 = the district; a subdistrict code = that one) and Chinese area descriptions
 * ("宝安区(松岗、沙井街道)"). Covering every subdistrict counts as district-wide.
 */
export function matchAreas(areas: CapArea[], subs: SubdistrictShape[]): AreaMatch {
  const hit = new Set<string>();
  let whole = false;
  for (const a of areas) {
    for (const ring of a.polygons) {
      for (const s of subs) if (ringIntersects(ring, s.geometry)) hit.add(s.code);
    }
    for (const c of a.circles) {
      for (const s of subs) if (circleIntersects(c.centre, c.radiusKm, s.geometry)) hit.add(s.code);
    }
    for (const g of a.geocodes) {
      const v = g.value.trim();
      if (v === DISTRICT_CODE || v === DISTRICT_CODE.slice(0, 4) + '00' || v === '440000') {
        whole = true;
      }
      const sub = subs.find((s) => s.code === v);
      if (sub) hit.add(sub.code);
    }
    const named = namesIn(a.areaDesc, subs);
    named.forEach((c) => hit.add(c));
    if (named.length === 0 && WHOLE.test(a.areaDesc.replace(/[（(].*[)）]/, ''))) whole = true;
  }
  if (whole || (subs.length > 0 && hit.size === subs.length)) {
    return { subdistrictCodes: [], districtWide: true, inDistrict: true };
  }
  return { subdistrictCodes: [...hit].sort(), districtWide: false, inDistrict: hit.size > 0 };
}

/** Subdistrict names in a description: "宝安区(松岗、沙井、福海街道)" or "新安街道、西乡街道". */
function namesIn(desc: string, subs: SubdistrictShape[]): string[] {
  const tokens = desc
    .split(/[、，,;；\s()（）]+/)
    .map((t) => t.replace(/^.*区/, '').replace(/街道$/, '').trim())
    .filter((t) => t !== '');
  return subs.filter((s) => tokens.includes(shortName(s.name))).map((s) => s.code);
}

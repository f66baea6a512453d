import type { CapArea, CapInfo } from '../cap/cap-types';
import { matchAreas, type SubdistrictShape } from './areas';
import { colourFromText, extractMeaning } from './hazard';

const square = (lon: number, lat: number, d = 0.01): [number, number][][] => [
  [
    [lon - d, lat - d],
    [lon + d, lat - d],
    [lon + d, lat + d],
    [lon - d, lat + d],
    [lon - d, lat - d],
  ],
];
const subs: SubdistrictShape[] = [
  {
    code: '440306001',
    name: '新安街道',
    geometry: { type: 'Polygon', coordinates: square(113.895, 22.565) },
  },
  {
    code: '440306002',
    name: '西乡街道',
    geometry: { type: 'Polygon', coordinates: square(113.875, 22.585) },
  },
  {
    code: '440306005',
    name: '松岗街道',
    geometry: { type: 'Polygon', coordinates: square(113.846, 22.773) },
  },
];
const area = (a: Partial<CapArea>): CapArea => ({
  areaDesc: '',
  polygons: [],
  circles: [],
  geocodes: [],
  ...a,
});
const info = (i: Partial<CapInfo>): CapInfo => ({
  language: 'zh-CN',
  categories: ['Met'],
  event: '',
  responseTypes: [],
  urgency: 'Immediate',
  severity: 'Severe',
  certainty: 'Likely',
  eventCodes: [],
  effective: null,
  onset: null,
  expires: null,
  senderName: '',
  headline: '',
  description: '',
  instruction: '',
  parameters: [],
  resources: [],
  areas: [],
  ...i,
});

describe('extractMeaning', () => {
  it('reads hazard from a GB/T 35965.1 event code and colour from a parameter', () => {
    expect(
      extractMeaning(
        info({
          eventCodes: [{ valueName: 'GB/T 35965.1-2018', value: '11B01' }],
          parameters: [{ valueName: 'signal_colour', value: 'blue' }],
        }),
      ),
    ).toEqual({ hazard: 'typhoon', colour: 'blue', level: 'IV', lifted: false });
  });
  it('falls back to the Chinese headline', () => {
    expect(extractMeaning(info({ headline: '深圳市气象台发布暴雨橙色预警' }))).toEqual(
      expect.objectContaining({ hazard: 'rainstorm', colour: 'orange', level: 'II' }),
    );
    expect(extractMeaning(info({ headline: '雷雨大风黄色预警' })).hazard).toBe('thunderstorm_gale');
    expect(extractMeaning(info({ headline: '解除暴雨红色预警' })).lifted).toBe(true);
  });
  it('takes the colour a headline upgrades to, not the one it upgrades from', () => {
    expect(colourFromText('暴雨橙色预警升级为红色')).toBe('red');
    expect(colourFromText('台风橙色预警降级为蓝色')).toBe('blue');
  });
});

describe('matchAreas', () => {
  it('names subdistricts from a Chinese area description', () => {
    expect(matchAreas([area({ areaDesc: '宝安区(新安、松岗街道)' })], subs)).toEqual({
      subdistrictCodes: ['440306001', '440306005'],
      districtWide: false,
      inDistrict: true,
    });
  });
  it('treats 440306 and 宝安区 as the whole district', () => {
    expect(
      matchAreas([area({ areaDesc: 'x', geocodes: [{ valueName: 'GB', value: '440306' }] })], subs)
        .districtWide,
    ).toBe(true);
    expect(matchAreas([area({ areaDesc: '深圳市宝安区' })], subs).districtWide).toBe(true);
  });
  it('intersects polygons and circles with subdistrict shapes', () => {
    const poly = matchAreas(
      [area({ areaDesc: 'p', polygons: square(113.876, 22.586, 0.002) })],
      subs,
    );
    expect(poly.subdistrictCodes).toEqual(['440306002']);
    // 2 km circle just outside 新安's square still touches it.
    const circle = matchAreas(
      [area({ areaDesc: 'c', circles: [{ centre: [113.895, 22.585], radiusKm: 1.5 }] })],
      subs,
    );
    expect(circle.subdistrictCodes).toEqual(['440306001', '440306002']);
  });
  it('marks an area outside Bao\u2019an as not in the district', () => {
    expect(
      matchAreas(
        [area({ areaDesc: '福田区', geocodes: [{ valueName: 'GB', value: '440304' }] })],
        subs,
      ),
    ).toEqual({
      subdistrictCodes: [],
      districtWide: false,
      inDistrict: false,
    });
  });
});

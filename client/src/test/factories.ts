import type {
  ContactDto,
  DistrictCollection,
  PointGeometry,
  RescueTeamProps,
  ShelterProps,
  SubdistrictCollection,
  WaterloggingPointProps,
  Feature,
} from '@sanfang/shared';

export function pointFeature<P>(properties: P, coordinates: [number, number] = [113.88, 22.58]) {
  const feature: Feature<PointGeometry, P> = {
    type: 'Feature',
    geometry: { type: 'Point', coordinates },
    properties,
  };
  return feature;
}

export function square(
  west: number,
  south: number,
  east: number,
  north: number,
): [number, number][][] {
  return [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ];
}

export function districtCollection(): DistrictCollection {
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: {
          type: 'MultiPolygon',
          coordinates: [square(113.75, 22.53, 113.9, 22.7), square(113.8, 22.6, 113.97, 22.86)],
        },
        properties: { code: '440306', name: '宝安区', nameEn: "Bao'an" },
      },
    ],
  };
}

export function subdistrictCollection(): SubdistrictCollection {
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: square(113.86, 22.55, 113.91, 22.58) },
        properties: {
          code: '440306001',
          name: '新安',
          nameEn: "Xin'an",
          centre: [113.895, 22.565],
          approximate: true,
        },
      },
      {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: square(113.85, 22.57, 113.9, 22.6) },
        properties: {
          code: '440306002',
          name: '西乡',
          nameEn: 'Xixiang',
          centre: [113.875, 22.585],
          approximate: true,
        },
      },
    ],
  };
}

export function contact(overrides: Partial<ContactDto> = {}): ContactDto {
  return { id: 'c1', role: 'onsite_lead', name: '张三', phone: '13800000000', ...overrides };
}

export function waterloggingPoint(
  overrides: Partial<WaterloggingPointProps> = {},
): WaterloggingPointProps {
  return {
    id: 'wp-1',
    code: 'WP001',
    name: '宝安大道涵洞',
    subdistrictCode: '440306002',
    alarmDepthM: 0.25,
    hasSensor: true,
    contacts: [contact()],
    ...overrides,
  };
}

export function shelter(overrides: Partial<ShelterProps> = {}): ShelterProps {
  return {
    id: 'sh-1',
    code: 'SH001',
    name: '西乡街道避难场所',
    subdistrictCode: '440306002',
    address: '西乡大道 1 号',
    capacity: 500,
    occupancy: 0,
    status: 'closed',
    managerName: '李四',
    managerPhone: '0755-00000000',
    occupancyDay: 0,
    occupancyNight: 0,
    planHazards: [],
    alarmLevel: 'none',
    ...overrides,
  };
}

export function rescueTeam(overrides: Partial<RescueTeamProps> = {}): RescueTeamProps {
  return {
    id: 'rt-1',
    code: 'RT001',
    name: '西乡抢险队',
    kind: 'professional',
    members: 30,
    subdistrictCode: '440306002',
    status: 'standby',
    equipment: ['橡皮艇'],
    leaderName: '王五',
    leaderPhone: '13800000000',
    position: null,
    lastSeenAt: null,
    positionStale: false,
    ...overrides,
  };
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AreaGeometry, ContactRole, LonLat, TeamKind } from '@sanfang/shared';

/** Shapes of the versioned seed files in ./data (see data/README.md). */
export interface PersonSeed {
  name: string;
  phone: string;
}
export interface DistrictSeed {
  type: 'FeatureCollection';
  features: {
    geometry: AreaGeometry;
    properties: { code: string; name: string; nameEn: string; notes?: string; source?: string };
  }[];
}
export interface SubdistrictSeed {
  type: 'FeatureCollection';
  notes?: string;
  features: {
    geometry: AreaGeometry;
    properties: {
      code: string;
      name: string;
      nameEn: string;
      centre: LonLat;
      approximate?: boolean;
    };
  }[];
}
export interface PointSeed {
  code: string;
  name: string;
  subdistrictCode: string;
  location: LonLat;
  alarmDepthM: number;
  hasSensor: boolean;
  contacts: Record<ContactRole, PersonSeed>;
}
export interface ShelterSeed {
  code: string;
  name: string;
  subdistrictCode: string;
  location: LonLat;
  address: string;
  capacity: number;
  manager: PersonSeed;
  planHazards: string[];
}
export interface TeamSeed {
  code: string;
  name: string;
  kind: TeamKind;
  members: number;
  subdistrictCode: string;
  base: LonLat;
  equipment: string[];
  leader: PersonSeed;
}
export interface StockSeed {
  sku: string;
  name: string;
  unit: string;
  quantity: number;
  lowStockThreshold: number;
}
export interface WarehouseSeed {
  code: string;
  name: string;
  subdistrictCode: string;
  location: LonLat;
  items: StockSeed[];
}

export interface SeedData {
  district: DistrictSeed;
  subdistricts: SubdistrictSeed;
  points: PointSeed[];
  shelters: ShelterSeed[];
  teams: TeamSeed[];
  warehouses: WarehouseSeed[];
}

export const SEED_DIR = join(__dirname, 'data');

function read<T>(file: string): T {
  return JSON.parse(readFileSync(join(SEED_DIR, file), 'utf8')) as T;
}

export function loadSeedData(): SeedData {
  return {
    district: read('district.geojson'),
    subdistricts: read('subdistricts.geojson'),
    points: read('waterlogging-points.json'),
    shelters: read('shelters.json'),
    teams: read('rescue-teams.json'),
    warehouses: read('warehouses.json'),
  };
}

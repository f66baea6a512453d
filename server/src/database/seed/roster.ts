import { createHash } from 'node:crypto';
import type { PersonDuty, UnitKind } from '@sanfang/shared';
import type { EntityManager } from 'typeorm';
import type { SeedData } from './seed-data';

/**
 * The demo roster of 三防 responsible persons, generated deterministically and sized from the
 * bureau's figures: 2,433 persons across 53 member units (the 10 subdistricts and 43
 * departments and enterprises). Some community persons are also a point's on-site lead (same
 * name and phone): the 叫应 calls them once.
 */
export const ROSTER_SIZE = 2433;

const DEPARTMENTS = [
  '区应急管理局',
  '区水务局',
  '区住房和建设局',
  '区交通运输局',
  '区城市管理和综合执法局',
  '区规划和自然资源局',
  '区气象局',
  '区教育局',
  '区卫生健康局',
  '区民政局',
  '区公安分局',
  '区消防救援大队',
  '区工业和信息化局',
  '区商务局',
  '区文化广电旅游体育局',
  '区农业农村局',
  '区生态环境分局',
  '区人力资源局',
  '区财政局',
  '区发展和改革局',
  '区国资局',
  '区市场监督管理局',
  '区退役军人事务局',
  '区人民武装部',
  '区交警大队',
  '区海事处',
  '区港航管理处',
  '区地铁保障办',
  '区建筑工务署',
  '区机场管理办',
  '区融媒体中心',
  '区供销社',
];
const ENTERPRISES = [
  '宝安供电局',
  '宝安水务集团',
  '深圳燃气宝安分公司',
  '中国移动宝安分公司',
  '中国电信宝安分公司',
  '中国联通宝安分公司',
  '宝安城投集团',
  '宝安交投集团',
  '机场集团',
  '地铁运营宝安中心',
  '宝安环卫集团',
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰建国红梅志强海燕文斌辉鹏宇';

export interface UnitSeed {
  code: string;
  name: string;
  kind: UnitKind;
  subdistrictCode: string | null;
}
export interface PersonSeedRow {
  id: string;
  name: string;
  phone: string;
  phone2: string | null;
  unitCode: string;
  subdistrictCode: string;
  duty: PersonDuty;
  backupId: string | null;
  leader: boolean;
}

const uuidOf = (s: string): string => {
  const h = createHash('sha1').update(`sanfang-roster:${s}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const nameOf = (n: number): string =>
  `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7) % GIVEN.length]}${n % 3 === 0 ? '' : GIVEN[(n * 13 + 5) % GIVEN.length]}`;

/** Subdistrict units' duties, in order: the head (the unit's leader) first. */
function subdistrictDuty(k: number): PersonDuty {
  if (k < 3) return 'subdistrict_head';
  if (k < 5) return 'liaison';
  if (k < 20) return 'reservoir';
  if (k < 50) return 'river';
  if (k < 80) return 'slope';
  return 'community';
}
function departmentDuty(k: number): PersonDuty {
  if (k < 2) return 'unit_head';
  if (k < 4) return 'liaison';
  return (['river', 'slope', 'reservoir', 'community'] as const)[k % 4] ?? 'community';
}

export function generateRoster(data: SeedData): { units: UnitSeed[]; persons: PersonSeedRow[] } {
  const subs = data.subdistricts.features.map((f) => ({
    code: f.properties.code,
    name: f.properties.name,
  }));
  const units: UnitSeed[] = [
    ...subs.map((s) => ({
      code: `JD${s.code.slice(-3)}`,
      name: s.name,
      kind: 'subdistrict' as const,
      subdistrictCode: s.code,
    })),
    ...DEPARTMENTS.map((name, i) => ({
      code: `BM${String(i + 1).padStart(2, '0')}`,
      name,
      kind: 'department' as const,
      subdistrictCode: null,
    })),
    ...ENTERPRISES.map((name, i) => ({
      code: `QY${String(i + 1).padStart(2, '0')}`,
      name,
      kind: 'enterprise' as const,
      subdistrictCode: null,
    })),
  ];
  const others = units.length - subs.length;
  const perOther = 10;
  const subTotal = ROSTER_SIZE - others * perOther;
  const leads = new Map<string, { name: string; phone: string }[]>();
  for (const p of data.points) {
    const l = leads.get(p.subdistrictCode) ?? [];
    l.push(p.contacts.onsite_lead);
    leads.set(p.subdistrictCode, l);
  }
  const persons: PersonSeedRow[] = [];
  let n = 0;
  units.forEach((u, ui) => {
    const size =
      u.kind === 'subdistrict'
        ? Math.floor(subTotal / subs.length) + (ui < subTotal % subs.length ? 1 : 0)
        : perOther;
    const first = persons.length;
    const pointLeads = u.subdistrictCode ? [...(leads.get(u.subdistrictCode) ?? [])] : [];
    for (let k = 0; k < size; k++, n++) {
      const duty = u.kind === 'subdistrict' ? subdistrictDuty(k) : departmentDuty(k);
      const lead = duty === 'community' ? pointLeads.shift() : undefined;
      persons.push({
        id: uuidOf(`${u.code}:${k}`),
        name: lead?.name ?? nameOf(n),
        phone: lead?.phone ?? `137${String(n + 10_000_000).slice(-8)}`,
        phone2: k < 2 ? `138${String(n + 10_000_000).slice(-8)}` : null,
        unitCode: u.code,
        subdistrictCode: u.subdistrictCode ?? subs[(ui + k) % subs.length]?.code ?? '',
        duty,
        backupId: null,
        leader: k === 0,
      });
    }
    // Most persons have a colleague of the unit as backup; every tenth has none.
    for (let k = 0; k < size; k++) {
      const p = persons[first + k];
      if (p && k % 10 !== 9) p.backupId = persons[first + ((k + 1) % size)]?.id ?? null;
    }
  });
  return { units, persons };
}

const CHUNK = 500;

/** Idempotent: a database that already has a roster keeps it. */
export async function seedRoster(m: EntityManager, data: SeedData): Promise<void> {
  const [row] = await m.query<{ n: string }[]>(`SELECT count(*) AS n FROM member_units`);
  if (Number(row?.n ?? 0) > 0) return;
  const { units, persons } = generateRoster(data);
  await insertRoster(m, units, persons);
}

export async function insertRoster(
  m: EntityManager,
  units: readonly UnitSeed[],
  persons: readonly PersonSeedRow[],
): Promise<void> {
  await m.query(
    `INSERT INTO member_units (code, name, kind, subdistrict_code)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
       subdistrict_code = EXCLUDED.subdistrict_code`,
    [
      units.map((u) => u.code),
      units.map((u) => u.name),
      units.map((u) => u.kind),
      units.map((u) => u.subdistrictCode),
    ],
  );
  for (let i = 0; i < persons.length; i += CHUNK) {
    const s = persons.slice(i, i + CHUNK);
    await m.query(
      `INSERT INTO responsible_persons
         (id, name, phone, phone2, unit_code, subdistrict_code, duty, leader)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[],
                            $6::text[], $7::text[], $8::boolean[])
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, phone = EXCLUDED.phone,
         phone2 = EXCLUDED.phone2, unit_code = EXCLUDED.unit_code,
         subdistrict_code = EXCLUDED.subdistrict_code, duty = EXCLUDED.duty,
         leader = EXCLUDED.leader, updated_at = now()`,
      [
        s.map((p) => p.id),
        s.map((p) => p.name),
        s.map((p) => p.phone),
        s.map((p) => p.phone2),
        s.map((p) => p.unitCode),
        s.map((p) => p.subdistrictCode),
        s.map((p) => p.duty),
        s.map((p) => p.leader),
      ],
    );
  }
  // Backups after every person exists (a backup may come later in the file).
  await m.query(
    `UPDATE responsible_persons r SET backup_id = b.backup
       FROM unnest($1::uuid[], $2::uuid[]) AS b(id, backup) WHERE r.id = b.id`,
    [persons.map((p) => p.id), persons.map((p) => p.backupId)],
  );
}

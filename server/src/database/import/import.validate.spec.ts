import type { RawRow } from './import.types';
import { locationProblem, validateRows } from './import.validate';

const SUBDISTRICTS = new Set(['440306001', '440306002']);

const factory = {
  point(values: Record<string, string> = {}, line = 2): RawRow {
    return {
      line,
      values: {
        code: 'P1',
        name: '宝安大道下穿',
        subdistrict_code: '440306001',
        lon: '113.88',
        lat: '22.57',
        alarm_depth_m: '0.3',
        has_sensor: '是',
        onsite_lead_name: '张三',
        onsite_lead_phone: '13800000001',
        drainage_name: '王五',
        drainage_phone: '13800000003',
        traffic_police_name: '赵六',
        traffic_police_phone: '13800000004',
        fire_rescue_name: '钱七',
        fire_rescue_phone: '+8613800000005',
        ...values,
      },
    };
  },
  shelter(values: Record<string, string> = {}, line = 2): RawRow {
    return {
      line,
      values: {
        code: 'S1',
        name: '学校',
        subdistrict_code: '440306002',
        lon: '113.87',
        lat: '22.58',
        address: '西乡',
        capacity: '0',
        manager_name: '林',
        manager_phone: '13700000011',
        plan_hazards: 'typhoon; flood;',
        ...values,
      },
    };
  },
  team(values: Record<string, string> = {}, line = 2): RawRow {
    return {
      line,
      values: {
        code: 'T1',
        name: '抢险队',
        kind: 'Professional',
        members: '12',
        subdistrict_code: '440306001',
        lon: '113.88',
        lat: '22.57',
        equipment: '橡皮艇；抽水泵',
        leader_name: '陈一',
        leader_phone: '13600000001',
        ...values,
      },
    };
  },
};

function errorsOf(result: ReturnType<typeof validateRows>) {
  if (result.ok) throw new Error('expected row errors');
  return result.errors.map((e) => ({ line: e.line, column: e.column, message: e.message }));
}

describe(validateRows.name, () => {
  it('turns good rows into records', () => {
    const result = validateRows('points', [factory.point()], SUBDISTRICTS);
    expect(result).toEqual({
      ok: true,
      batch: {
        kind: 'points',
        rows: [
          {
            code: 'P1',
            name: '宝安大道下穿',
            subdistrictCode: '440306001',
            location: [113.88, 22.57],
            alarmDepthM: 0.3,
            hasSensor: true,
            contacts: {
              onsite_lead: { name: '张三', phone: '13800000001' },
              drainage: { name: '王五', phone: '13800000003' },
              traffic_police: { name: '赵六', phone: '13800000004' },
              fire_rescue: { name: '钱七', phone: '+8613800000005' },
            },
          },
        ],
      },
    });
  });

  it('splits lists on ; and normalises the team kind', () => {
    const shelters = validateRows('shelters', [factory.shelter()], SUBDISTRICTS);
    const teams = validateRows('teams', [factory.team()], SUBDISTRICTS);
    expect(
      shelters.ok && shelters.batch.kind === 'shelters' && shelters.batch.rows[0]?.planHazards,
    ).toEqual(['typhoon', 'flood']);
    expect(teams.ok && teams.batch.kind === 'teams' && teams.batch.rows[0]).toMatchObject({
      kind: 'professional',
      equipment: ['橡皮艇', '抽水泵'],
    });
  });

  it('collects every problem of every row, one per column', () => {
    const rows = [
      factory.point({ code: 'A' }, 2),
      factory.point(
        { code: 'B', onsite_lead_phone: '138-0000', alarm_depth_m: '5.5', has_sensor: 'maybe' },
        3,
      ),
      factory.point({ code: 'C', drainage_name: '' }, 4),
      factory.point({ code: 'D', alarm_depth_m: '0' }, 7),
    ];
    expect(errorsOf(validateRows('points', rows, SUBDISTRICTS))).toEqual([
      { line: 3, column: 'alarm_depth_m', message: 'must be at most 5 (metres)' },
      { line: 3, column: 'has_sensor', message: 'must be true/false, 1/0 or 是/否' },
      {
        line: 3,
        column: 'onsite_lead_phone',
        message: expect.stringMatching(/5-20 digits/),
      },
      { line: 4, column: 'drainage_name', message: 'is required' },
      { line: 7, column: 'alarm_depth_m', message: 'must be greater than 0' },
    ]);
  });

  it('says when lon and lat look swapped', () => {
    const [e] = errorsOf(
      validateRows('points', [factory.point({ lon: '22.57', lat: '113.88' })], SUBDISTRICTS),
    );
    expect(e).toEqual({
      line: 2,
      column: 'lon',
      message: expect.stringMatching(/looks like lat,lon order/),
    });
  });

  it('rejects coordinates outside the district, and says so without the swap hint', () => {
    const [e] = errorsOf(
      validateRows('points', [factory.point({ lon: '114.3', lat: '22.6' })], SUBDISTRICTS),
    );
    expect(e?.message).toMatch(/outside Bao'an/);
    expect(e?.message).not.toMatch(/lat,lon/);
    expect(locationProblem('113.75', '22.50')).toBeNull(); // within the margin
    expect(locationProblem('200', '22.6')?.message).toMatch(/WGS84 longitude/);
  });

  it('rejects an unknown subdistrict code and lists the known ones', () => {
    const [e] = errorsOf(
      validateRows('points', [factory.point({ subdistrict_code: '440306999' })], SUBDISTRICTS),
    );
    expect(e).toMatchObject({
      column: 'subdistrict_code',
      message: expect.stringContaining('440306001, 440306002'),
    });
  });

  it('rejects a code used twice in the file, naming the first line', () => {
    const rows = [factory.team({}, 2), factory.team({ code: 'T2' }, 3), factory.team({}, 5)];
    expect(errorsOf(validateRows('teams', rows, SUBDISTRICTS))).toEqual([
      { line: 5, column: 'code', message: 'duplicate code "T1" (first on line 2)' },
    ]);
  });

  it('checks codes, counts and team kinds', () => {
    const rows = [
      factory.team({ code: 'has space', kind: 'navy', members: '0' }, 2),
      factory.shelter({ capacity: '-1' }, 3),
    ];
    expect(
      errorsOf(validateRows('teams', rows.slice(0, 1), SUBDISTRICTS)).map((e) => e.column),
    ).toEqual(['code', 'kind', 'members']);
    expect(errorsOf(validateRows('shelters', rows.slice(1), SUBDISTRICTS))).toEqual([
      { line: 3, column: 'capacity', message: 'must be 0 or more' },
    ]);
    expect(
      errorsOf(validateRows('teams', [factory.team({ members: '2.5' })], SUBDISTRICTS))[0]?.message,
    ).toBe('must be a whole number');
  });

  it('wants the backup lead as a name and phone pair', () => {
    const [e] = errorsOf(
      validateRows('points', [factory.point({ onsite_lead_backup_name: '李四' })], SUBDISTRICTS),
    );
    expect(e?.column).toBe('onsite_lead_backup_phone');
  });

  it('reports GeoJSON coordinate problems on the geometry, with the feature index on shared lines', () => {
    const row = {
      ...factory.point({ lon: '22.57', lat: '113.88' }, 1),
      featureIndex: 4,
      sharedLine: true,
    };
    const result = validateRows('points', [row], SUBDISTRICTS);
    expect(!result.ok && result.errors[0]).toMatchObject({
      line: 1,
      column: 'geometry',
      featureIndex: 4,
      code: 'IMPORT_INVALID_ROWS',
    });
  });

  it('passes on problems found while reading the file', () => {
    const row: RawRow = {
      ...factory.team(),
      problem: { message: 'has 4 fields but the header has 10 (unquoted comma?)' },
    };
    expect(errorsOf(validateRows('teams', [row], SUBDISTRICTS))).toEqual([
      {
        line: 2,
        column: undefined,
        message: 'has 4 fields but the header has 10 (unquoted comma?)',
      },
    ]);
  });
});

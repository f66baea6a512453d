import { parseRotaCsv } from './rota-csv';
import { ShiftGrid } from './shifts';

const HEADER = 'date,shift_start,leader_name,leader_phone,chief_name,chief_phone,officers';

describe(ShiftGrid.name, () => {
  it('names the 08:00 shift running at any moment (Asia/Shanghai)', () => {
    const g = new ShiftGrid('08:00', 24);
    expect(g.startOf(new Date('2026-12-07T07:59:59+08:00')).toISOString()).toBe(
      '2026-12-06T00:00:00.000Z',
    );
    expect(g.startOf(new Date('2026-12-07T08:00:00+08:00')).toISOString()).toBe(
      '2026-12-07T00:00:00.000Z',
    );
    expect(g.isBoundary(new Date('2026-12-07T20:00:00+08:00'))).toBe(false);
    expect(new ShiftGrid('08:00', 12).isBoundary(new Date('2026-12-07T20:00:00+08:00'))).toBe(true);
    expect(g.starts('2026-12-01', '2026-12-31')).toHaveLength(31);
  });
});

describe(parseRotaCsv.name, () => {
  const grid = new ShiftGrid('08:00', 12);
  const users = new Set(['duty']);

  it('reads a quoted multi-line cell and a second shift of the day', () => {
    const r = parseRotaCsv(
      `${HEADER}\n2026-12-07,,王五,13800000001,赵六,13700000001,"甲/13900000001/duty;\n乙/13900000002"\n2026-12-07,20:00,,,,,丙/13900000003\n`,
      grid,
      users,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows.map((x) => [x.line, x.startsAt.toISOString(), x.officers.length])).toEqual([
      [2, '2026-12-07T00:00:00.000Z', 2],
      [4, '2026-12-07T12:00:00.000Z', 1],
    ]);
    expect(r.rows[0]!.officers[0]).toEqual({ name: '甲', phone: '13900000001', username: 'duty' });
    expect(r.rows[1]!.leader).toBeNull();
  });

  it('lists every bad cell and keeps nothing', () => {
    const r = parseRotaCsv(`${HEADER}\n2026-12-07,09:00,王五,1,,,甲\n`, grid, users);
    expect(r).toEqual({
      ok: false,
      badRows: 1,
      problems: [
        {
          line: 2,
          column: 'shift_start',
          message: '09:00 is not a shift start (shifts of 12 h from 08:00)',
        },
        {
          line: 2,
          column: 'leader_phone',
          message: '"1" is not a phone (5–20 digits, optional +)',
        },
        { line: 2, column: 'officers', message: '"甲" is not name/phone or name/phone/username' },
      ],
    });
  });

  it('refuses a file without the required columns as a whole', () => {
    expect(parseRotaCsv('date,officers\n2026-12-07,甲/13900000001\n', grid, users)).toMatchObject({
      ok: false,
      file: { line: 1, message: expect.stringContaining('leader_name') },
    });
  });
});

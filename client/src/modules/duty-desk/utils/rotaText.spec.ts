import { gridRange, parsePeople, peopleText, shanghaiDate, stepAnchor } from './rotaText';

describe('rota text helpers', () => {
  it('reads officers as name/phone lines and writes them back', () => {
    const people = parsePeople('值班员甲/13900000001/duty\n值班员乙/13900000002；');
    expect(people).toEqual([
      { name: '值班员甲', phone: '13900000001', username: 'duty' },
      { name: '值班员乙', phone: '13900000002', username: null },
    ]);
    expect(peopleText(people)).toBe('值班员甲/13900000001/duty\n值班员乙/13900000002');
  });

  it('puts a shift in its Shanghai duty day and spans weeks Monday to Sunday', () => {
    expect(shanghaiDate('2026-12-07T00:00:00.000Z')).toBe('2026-12-07');
    expect(gridRange('2026-12-09', 'week')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(gridRange('2026-02-10', 'month')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(stepAnchor('2026-12-31', 'month', 1)).toBe('2027-01-01');
  });
});

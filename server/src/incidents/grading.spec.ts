import { gradeIncident } from './grading';

const g = (deaths: number, seriousInjuries: number, loss = 0): string =>
  gradeIncident({ deaths, seriousInjuries }, loss);

describe(gradeIncident.name, () => {
  it('grades nothing at all as 一般', () => expect(g(0, 0)).toBe('general'));

  it.each([
    [2, 'general'],
    [3, 'larger'],
    [9, 'larger'],
    [10, 'major'],
    [29, 'major'],
    [30, 'especially_major'],
  ])('%i deaths → %s (inclusive lower bounds)', (deaths, grade) =>
    expect(g(deaths, 0)).toBe(grade),
  );

  it.each([
    [9, 'general'],
    [10, 'larger'],
    [49, 'larger'],
    [50, 'major'],
    [99, 'major'],
    [100, 'especially_major'],
  ])('%i serious injuries → %s', (injuries, grade) => expect(g(0, injuries)).toBe(grade));

  it.each([
    [9_999_999.99, 'general'],
    [10_000_000, 'larger'],
    [49_999_999, 'larger'],
    [50_000_000, 'major'],
    [99_999_999, 'major'],
    [100_000_000, 'especially_major'],
  ])('%d CNY direct loss → %s', (loss, grade) => expect(g(0, 0, loss)).toBe(grade));

  it('lets the highest criterion win', () => {
    expect(g(1, 0, 60_000_000)).toBe('major');
    expect(g(3, 100, 0)).toBe('especially_major');
    expect(g(30, 0, 10_000_000)).toBe('especially_major');
  });
});

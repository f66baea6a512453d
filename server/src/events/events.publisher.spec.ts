import { mergeRanges } from './events.publisher';

describe(mergeRanges.name, () => {
  it('merges adjacent and overlapping ranges, whatever order commits finished in', () => {
    expect(
      mergeRanges([
        [7, 7],
        [5, 5],
        [6, 6],
        [10, 12],
        [13, 13],
        [20, 21],
      ]),
    ).toEqual([
      [5, 7],
      [10, 13],
      [20, 21],
    ]);
  });

  it('keeps a gap that another instance may fill', () => {
    expect(
      mergeRanges([
        [1, 2],
        [4, 4],
      ]),
    ).toEqual([
      [1, 2],
      [4, 4],
    ]);
  });
});

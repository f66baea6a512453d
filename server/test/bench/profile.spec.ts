import { summarizeProfile, type CpuProfile } from '../../bench/lib/profile';

const frame = (functionName: string, url = '') => ({
  functionName,
  url,
  lineNumber: 0,
  columnNumber: 0,
});

/**
 * The bench report's profile tables: native time (a socket write) goes to the package whose
 * JavaScript called it, so "writeBuffer 22%" says whose writes they are.
 */
describe('summarizeProfile', () => {
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 4, 6] },
      {
        id: 2,
        callFrame: frame('query', 'file:///app/node_modules/pg/lib/client.js'),
        children: [7],
      },
      // Node's own net code passes the write on: the caller is pg, not Node.
      { id: 7, callFrame: frame('_write', 'node:net'), children: [3] },
      { id: 3, callFrame: frame('writeBuffer') },
      {
        id: 4,
        callFrame: frame('send', 'file:///app/node_modules/express/lib/response.js'),
        children: [5],
      },
      { id: 5, callFrame: frame('writev') },
      { id: 6, callFrame: frame('(garbage collector)') },
    ],
    startTime: 0,
    endTime: 10_000,
    // 3 samples in pg's write, 1 in express's, 1 in GC: 1 ms each.
    samples: [3, 3, 3, 5, 6],
    timeDeltas: [1000, 1000, 1000, 1000, 1000],
  };

  it('attributes native self time to the package that called it', () => {
    const s = summarizeProfile(profile, 5);
    expect(s.busyMs).toBe(5);
    expect(s.nativeCallers.map((r) => [r.name, r.selfMs])).toEqual([
      ['pg → writeBuffer', 3],
      ['express → writev', 1],
    ]);
    expect(s.nativeCallers[0]!.perMessageMs).toBeCloseTo(0.6);
    expect(s.packages.map((r) => r.name)).toEqual(['(native)', '(gc)']);
  });
});

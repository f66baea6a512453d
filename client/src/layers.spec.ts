/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// The floors of client/src (declared in scripts/layers.mjs): no folder imports one above it
// or beside it. A new folder must be given a floor there.
describe('client floors', () => {
  it('has no import going up or sideways', () => {
    const run = spawnSync(process.execPath, [join(__dirname, '../scripts/layers.mjs')], {
      encoding: 'utf8',
    });
    expect(run.stdout).toContain('client floors: 0 up, 0 sideways, 0 unplaced');
    expect(run.status).toBe(0);
  });
});

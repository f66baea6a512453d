import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveOwner, OWNER_FILE, type OwnerFile } from './embedded';

const bootId = ((): string | null => {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return null;
  }
})();

describe('liveOwner (who holds DATA_DIR)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sanfang-owner-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (o: Partial<OwnerFile>): void =>
    writeFileSync(
      join(dir, OWNER_FILE),
      JSON.stringify({
        pid: process.pid,
        role: 'console',
        port: 5555,
        bootId,
        startedAt: new Date().toISOString(),
        ...o,
      }),
    );

  it('is null without a file, or with a damaged one', async () => {
    expect(await liveOwner(dir)).toBeNull();
    writeFileSync(join(dir, OWNER_FILE), '{"pid":');
    expect(await liveOwner(dir)).toBeNull();
  });

  it('names a live node process with its port', async () => {
    write({});
    expect(await liveOwner(dir)).toMatchObject({ pid: process.pid, port: 5555, role: 'console' });
  });

  it('ignores a dead pid and a file from before the last reboot', async () => {
    const child = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => child.once('exit', r));
    write({ pid: child.pid });
    expect(await liveOwner(dir)).toBeNull();
    if (bootId !== null) {
      write({ bootId: 'another-boot' });
      expect(await liveOwner(dir)).toBeNull();
    }
  });

  it('ignores a pid that now belongs to something other than node', async () => {
    const sleeper = spawn('sleep', ['30']);
    try {
      write({ pid: sleeper.pid });
      expect(await liveOwner(dir)).toBeNull();
    } finally {
      sleeper.kill('SIGKILL');
    }
  });
});

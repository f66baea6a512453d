import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HealthDto } from '@sanfang/shared';
import type { DataSource } from 'typeorm';
import { RUNTIME, type Runtime } from '../core/runtime';
import { Timers } from '../timers/timers.service';

const VERSION = process.env.npm_package_version ?? '0.1.0';

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly timers: Timers,
  ) {}

  /** The database status last seen, and since when (transitions are seen by checks). */
  private last: { status: HealthDto['database']['status']; since: Date } | null = null;

  async check(): Promise<HealthDto> {
    const t0 = performance.now();
    let up = true;
    try {
      await Promise.race([
        this.ds.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('db timeout')), 2000).unref()),
      ]);
    } catch {
      up = false;
    }
    const embedded = this.runtime.embeddedState?.();
    const status = up ? 'up' : embedded?.status === 'restarting' ? 'recovering' : 'down';
    if (this.last?.status !== status) {
      // The supervisor knows when its server died or came back; a check only sees it later.
      const seen = embedded && status !== 'down' ? embedded.since : new Date();
      this.last = { status, since: this.last ? seen : this.runtime.startedAt };
    }
    const live = this.runtime.liveStatus?.() ?? 'disabled';
    return {
      status: up && this.timers.status() === 'up' ? 'ok' : 'degraded',
      live: { adapter: live },
      timers: { status: this.timers.status() },
      database: {
        status,
        engine: this.runtime.engine,
        latencyMs: up ? Math.round((performance.now() - t0) * 10) / 10 : null,
        since: this.last.since.toISOString(),
        restarts: embedded?.restarts ?? 0,
      },
      version: VERSION,
      uptimeS: Math.round((Date.now() - this.runtime.startedAt.getTime()) / 1000),
    };
  }
}

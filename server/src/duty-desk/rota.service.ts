import {
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type {
  RotaGapDto,
  RotaImportInput,
  RotaImportResult,
  RotaNowDto,
  RotaPerson,
  RotaQuery,
  RotaShiftDto,
  RotaShiftInput,
} from '@sanfang/shared';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth.types';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../core/clock';
import { Outbox } from '../dispatch/notify/outbox.service';
import type { EventTx } from '../events/event-log';
import { EventLog } from '../events/event-log.service';
import { DUTY_DESK_CONFIG, type DutyDeskConfig } from './duty-desk.config';
import { DutyDeskRepository } from './duty-desk.repository';
import { RotaShift } from './entities/rota-shift.entity';
import { parseRotaCsv, type RotaRow } from './rota-csv';
import { localTime, ShiftGrid } from './shifts';

const MAX_DAYS = 62;
const names = (s: Pick<RotaShift, 'leader' | 'chief' | 'officers'> | null) => ({
  leader: s?.leader?.name ?? null,
  chief: s?.chief?.name ?? null,
  officers: (s?.officers ?? []).map((o) => o.name),
});

/** The address and recipient of a person on the rota (a console user, or a phone). */
export const rotaRecipient = (p: RotaPerson): { recipient: string; address: string } => ({
  recipient: p.username ? `user:${p.username}` : `rota:${p.name}`,
  address: p.phone,
});

/**
 * The rota (值班表): shifts on a configured grid, edited one at a time or a month from CSV,
 * every change an event; who is on duty at any moment; gaps warned ahead, once per shift.
 */
@Injectable()
export class RotaService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Rota');
  readonly grid: ShiftGrid;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repo: DutyDeskRepository,
    private readonly events: EventLog,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DUTY_DESK_CONFIG) private readonly config: DutyDeskConfig,
  ) {
    this.grid = new ShiftGrid(config.shiftStart, config.shiftHours);
  }

  onApplicationBootstrap(): void {
    const run = (): void => {
      this.checkGaps().catch((e: unknown) => this.log.warn(`rota gap check: ${String(e)}`));
    };
    // The first look is one interval after start: the console's header shows gaps from the
    // first request anyway (GET rota/now), and a start-up is no moment for a burst of warnings.
    this.timer = setInterval(run, this.config.gapCheckS * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private dto(start: Date, s: RotaShift | null | undefined): RotaShiftDto {
    return {
      startsAt: start.toISOString(),
      endsAt: this.grid.endOf(start).toISOString(),
      leader: s?.leader ?? null,
      chief: s?.chief ?? null,
      officers: s?.officers ?? [],
      updatedBy: s?.updatedBy ?? null,
      updatedAt: s?.updatedAt.toISOString() ?? null,
    };
  }

  async list(q: RotaQuery): Promise<RotaShiftDto[]> {
    const starts = this.grid.starts(q.from, q.to);
    if (starts.length === 0 || starts.length > (MAX_DAYS * 24) / this.grid.hours)
      throw new ApiException(
        HttpStatus.BAD_REQUEST,
        'VALIDATION_FAILED',
        `from must not be after to, and at most ${MAX_DAYS} days apart`,
        'query.to',
      );
    const rows = await this.repo.shiftsBetween(
      starts[0]!,
      this.grid.endOf(starts[starts.length - 1]!),
    );
    const by = new Map(rows.map((r) => [r.startsAt.getTime(), r]));
    return starts.map((t) => this.dto(t, by.get(t.getTime())));
  }

  /** Who is on duty now and who takes over next, and the gaps inside the warning horizon. */
  async now(): Promise<RotaNowDto> {
    const now = this.clock.now();
    const cur = this.grid.startOf(now);
    const next = this.grid.endOf(cur);
    const rows = await this.repo.shiftsBetween(cur, this.grid.endOf(next));
    const by = new Map(rows.map((r) => [r.startsAt.getTime(), r]));
    return {
      current: this.dto(cur, by.get(cur.getTime())),
      next: this.dto(next, by.get(next.getTime())),
      gaps: await this.gaps(now),
      gapWarnHours: this.config.gapWarnHours,
    };
  }

  /** The shift (row) running at `t`, as the rota stands when asked. */
  shiftAt(t: Date, m?: EntityManager): Promise<RotaShift | null> {
    return this.repo.shiftAt(t, m);
  }

  /** Shifts overlapping [now, now + horizon) with no leader on duty or no officer. */
  async gaps(now: Date): Promise<RotaGapDto[]> {
    const until = new Date(now.getTime() + this.config.gapWarnHours * 3_600_000);
    const starts = this.grid.overlapping(now, until);
    const rows = await this.repo.shiftsBetween(starts[0]!, this.grid.endOf(starts.at(-1)!));
    const by = new Map(rows.map((r) => [r.startsAt.getTime(), r]));
    return starts.flatMap((t) => {
      const s = by.get(t.getTime());
      const missing: RotaGapDto['missing'] = [];
      if (!s?.leader) missing.push('leader');
      if (!s || s.officers.length === 0) missing.push('officer');
      return missing.length
        ? [{ startsAt: t.toISOString(), endsAt: this.grid.endOf(t).toISOString(), missing }]
        : [];
    });
  }

  /**
   * Warns of each gap once (a row per shift, whichever instance gets there first): a log
   * warning, a `rota.gap_warned` event the console shows, and a message to every admin.
   */
  async checkGaps(): Promise<number> {
    let warned = 0;
    for (const g of await this.gaps(this.clock.now())) {
      const { result } = await this.events.writeWithEvents(
        'rota',
        async (tx) => {
          const now = this.clock.now();
          if (!(await this.repo.claimGapWarning(tx.manager, new Date(g.startsAt), g.missing, now)))
            return null;
          const admins = await this.repo.adminUsernames(tx.manager);
          const what = g.missing.map((x) => (x === 'leader' ? '带班领导' : '值班员')).join('、');
          const text = `【宝安三防】值班表缺口：${localTime(new Date(g.startsAt))} 起的班次没有${what}，请尽快安排。`;
          const batch = await this.outbox.record(
            tx.manager,
            admins.map((u) => ({
              dispatchId: null,
              kind: 'rota_gap' as const,
              recipient: `user:${u}`,
              address: u,
              text,
            })),
          );
          tx.emit('rota.gap_warned', {
            startsAt: g.startsAt,
            missing: g.missing,
            notified: admins.map((u) => `user:${u}`),
          });
          this.log.warn(
            `rota gap: shift ${localTime(new Date(g.startsAt))} has no ${g.missing.join(', ')}`,
          );
          return { batch };
        },
        { allowNoEvent: true },
      );
      if (result !== null) {
        warned++;
        this.outbox.kick([result.batch]);
      }
    }
    return warned;
  }

  async setShift(user: AuthUser, body: RotaShiftInput): Promise<RotaShiftDto> {
    const startsAt = new Date(body.startsAt);
    if (!this.grid.isBoundary(startsAt))
      throw new ApiException(
        HttpStatus.BAD_REQUEST,
        'ROTA_SHIFT_INVALID',
        `${body.startsAt} is not a shift start (shifts of ${this.grid.hours} h from ${this.grid.start} Asia/Shanghai)`,
        'body.startsAt',
      );
    await this.assertUsers(body);
    return this.events.write(user.username, async (tx) => {
      await this.repo.lockRota(tx.manager);
      const s = await this.write(
        tx,
        user.username,
        {
          line: 0,
          startsAt,
          leader: body.leader,
          chief: body.chief,
          officers: body.officers,
        },
        body.change,
        body.note,
      );
      return this.dto(startsAt, s);
    });
  }

  async import(user: AuthUser, body: RotaImportInput): Promise<RotaImportResult> {
    const parsed = parseRotaCsv(body.csv, this.grid, await this.repo.consoleUsernames());
    if (!parsed.ok && 'file' in parsed)
      throw new ApiException(
        HttpStatus.BAD_REQUEST,
        'IMPORT_INVALID_FILE',
        `${parsed.file.line ? `line ${parsed.file.line}: ` : ''}${parsed.file.message}`,
        'body.csv',
      );
    if (!parsed.ok) {
      const n = parsed.problems.length;
      throw new HttpException(
        {
          code: 'IMPORT_INVALID_ROWS',
          message: `${parsed.badRows} invalid rota row(s), ${n} problem(s); nothing was loaded`,
          path: 'body.csv',
          problems: parsed.problems,
        },
        HttpStatus.BAD_REQUEST,
      );
    }
    const rows = parsed.rows;
    const from = rows.reduce((a, r) => (r.startsAt < a ? r.startsAt : a), rows[0]!.startsAt);
    const to = rows.reduce((a, r) => (r.startsAt > a ? r.startsAt : a), rows[0]!.startsAt);
    if (body.dryRun) {
      const existing = await this.repo.shiftsBetween(from, this.grid.endOf(to));
      const have = new Set(existing.map((s) => s.startsAt.getTime()));
      return {
        shifts: rows.length,
        replaced: rows.filter((r) => have.has(r.startsAt.getTime())).length,
        dryRun: true,
      };
    }
    return this.events.write(user.username, async (tx) => {
      await this.repo.lockRota(tx.manager);
      let replaced = 0;
      for (const r of rows) {
        if (await this.repo.lockShift(tx.manager, r.startsAt)) replaced++;
        await this.write(tx, user.username, r, 'import', '');
      }
      tx.emit('rota.imported', {
        shifts: rows.length,
        replaced,
        from: from.toISOString(),
        to: this.grid.endOf(to).toISOString(),
      });
      return { shifts: rows.length, replaced, dryRun: false };
    });
  }

  private async write(
    tx: EventTx,
    by: string,
    r: RotaRow,
    change: 'edit' | 'swap' | 'substitution' | 'import',
    note: string,
  ): Promise<RotaShift> {
    const before = await this.repo.lockShift(tx.manager, r.startsAt);
    const s = Object.assign(new RotaShift(), {
      startsAt: r.startsAt,
      endsAt: this.grid.endOf(r.startsAt),
      leader: r.leader,
      chief: r.chief,
      officers: r.officers,
      updatedBy: by,
      updatedAt: this.clock.now(),
    });
    await this.repo.saveShift(tx.manager, s);
    tx.emit('rota.shift_changed', {
      startsAt: r.startsAt.toISOString(),
      change,
      note,
      before: names(before),
      after: names(s),
    });
    return s;
  }

  private async assertUsers(body: RotaShiftInput): Promise<void> {
    const users = await this.repo.consoleUsernames();
    const people: [string, RotaPerson | null][] = [
      ['body.leader.username', body.leader],
      ['body.chief.username', body.chief],
      ...body.officers.map((o, i): [string, RotaPerson] => [`body.officers.${i}.username`, o]),
    ];
    for (const [path, p] of people)
      if (p?.username && !users.has(p.username))
        throw new ApiException(
          HttpStatus.BAD_REQUEST,
          'VALIDATION_FAILED',
          `No console user "${p.username}"`,
          path,
        );
  }
}

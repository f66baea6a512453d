import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type {
  DutyLogEntryDto,
  DutyLogEntryInput,
  DutyLogKind,
  DutyLogQuery,
  HandoverInput,
} from '@sanfang/shared';
import type { AuthUser } from '../auth/auth.types';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../core/clock';
import { EventLog } from '../events/event-log.service';
import { DutyLogRepository } from './duty-log.repository';
import type { DutyLogEntry } from './entities/duty-log-entry.entity';

const toDto = (e: DutyLogEntry): DutyLogEntryDto => ({
  id: Number(e.id),
  at: e.at.toISOString(),
  kind: e.kind,
  author: e.author,
  text: e.text,
  eventSeq: e.eventSeq === null ? null : Number(e.eventSeq),
  correctsId: e.correctsId === null ? null : Number(e.correctsId),
});

/** 值班日志: read, add entries, correct by a new entry, hand over the shift. Never edit. */
@Injectable()
export class DutyLogService {
  constructor(
    private readonly repo: DutyLogRepository,
    private readonly events: EventLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(user: AuthUser, q: DutyLogQuery): Promise<DutyLogEntryDto[]> {
    return (await this.repo.list(user.subdistrictCode, q)).map(toDto);
  }

  async add(user: AuthUser, body: DutyLogEntryInput): Promise<DutyLogEntryDto> {
    if (body.correctsId !== undefined) {
      if (!(await this.repo.exists(body.correctsId)))
        throw new ApiException(
          HttpStatus.BAD_REQUEST,
          'VALIDATION_FAILED',
          `No duty log entry ${body.correctsId} to correct`,
          'body.correctsId',
        );
    }
    const kind: DutyLogKind = body.correctsId === undefined ? 'entry' : 'correction';
    return this.insert(user, kind, body.text, body.correctsId ?? null, null);
  }

  /** The shift handover note (交接班): who takes over, what is still open. */
  async handover(user: AuthUser, body: HandoverInput): Promise<DutyLogEntryDto> {
    const items = body.openItems.map((x, n) => `${n + 1}. ${x}`).join('；');
    // The rota's incoming officers are named beside the one the officer handed over to.
    const incoming = await this.repo.incomingOfficers(this.clock.now());
    const rota = incoming?.length ? `（值班表接班：${incoming.join('、')}）` : '';
    const text = `交接班：${user.username} → ${body.toOfficer}${rota}。${body.note}${items ? ` 未结事项：${items}` : ''}`;
    return this.insert(user, 'handover', text, null, {
      toOfficer: body.toOfficer,
      openItems: body.openItems,
      rotaIncoming: incoming ?? [],
    });
  }

  private insert(
    user: AuthUser,
    kind: DutyLogKind,
    text: string,
    correctsId: number | null,
    extra: unknown,
  ): Promise<DutyLogEntryDto> {
    return this.events.write(user.username, async (tx) => {
      const e = await this.repo.insert(tx.manager, {
        at: this.clock.now(),
        kind,
        author: user.username,
        text,
        eventSeq: null,
        correctsId: correctsId === null ? null : String(correctsId),
        subdistrictCodes: user.subdistrictCode ? [user.subdistrictCode] : [],
        extra,
      });
      tx.emit(
        'dutylog.entry_added',
        { entryId: Number(e.id), kind, author: e.author, text, correctsId },
        { subdistrictCodes: e.subdistrictCodes },
      );
      return toDto(e);
    });
  }
}

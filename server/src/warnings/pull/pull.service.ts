import {
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  type OnModuleInit,
} from '@nestjs/common';
import type { PullEntryDto, PullFeedDto, PullFeedInput, PullPollSummary } from '@sanfang/shared';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../auth/auth.types';
import { ApiException, notFound } from '../../common/api-exception';
import { CLOCK, type Clock } from '../../core/clock';
import { EventLog } from '../../events/event-log.service';
import { Timers } from '../../timers/timers.service';
import { CapError } from '../cap/cap-error';
import type { PullEntry } from '../entities/pull-entry.entity';
import type { PullFeed } from '../entities/pull-feed.entity';
import { IngestService } from '../ingest.service';
import { charsetOf } from '../cap/decode';
import { certificateLabels, checkCertificates } from '../cap/signature';
import { fetchText, hostAllowed } from './fetch';
import { parseIndex } from './index-feed';
import { PullRepository } from './pull.repository';

export const PULL_QUEUE = 'warnings.pull';
interface PullData {
  feedId: string;
  due: string;
}

const toDto = (f: PullFeed): PullFeedDto => ({
  id: f.id,
  name: f.name,
  url: f.url,
  allowedHosts: f.allowedHosts,
  intervalS: f.intervalS,
  enabled: f.enabled,
  trustedCertificates: certificateLabels(f.trustedCertificates ?? []),
  health: {
    lastPollAt: f.lastPollAt?.toISOString() ?? null,
    lastSuccessAt: f.lastSuccessAt?.toISOString() ?? null,
    lastError: f.lastError,
    lastErrorAt: f.lastErrorAt?.toISOString() ?? null,
    entriesIngested: f.entriesIngested,
    entriesQuarantined: f.entriesQuarantined,
    notModified: f.notModified,
  },
});

const entryDto = (e: PullEntry): PullEntryDto => ({
  id: e.id,
  feedId: e.feedId,
  entryId: e.entryId,
  url: e.url,
  status: e.status,
  reason: e.reason,
  messageId: e.messageId,
  fetchedAt: e.fetchedAt.toISOString(),
});

function reasonOf(e: unknown): string {
  if (e instanceof CapError) return `${e.code}: ${e.message}`;
  if (e instanceof HttpException) {
    const r = e.getResponse() as { code?: string; message?: string };
    return `${r.code ?? e.getStatus()}: ${r.message ?? e.message}`;
  }
  return e instanceof Error ? e.message : String(e);
}

/**
 * Pull ingest: each feed is polled by one durable, self-rescheduling timer (so one instance
 * polls it), conditionally (ETag/Last-Modified), only from its allowed hosts. Each entry's
 * CAP link is fetched once; a bad entry is quarantined with its reason and the rest load.
 */
@Injectable()
export class PullService implements OnModuleInit {
  private readonly log = new Logger('PullFeeds');

  constructor(
    private readonly repo: PullRepository,
    private readonly events: EventLog,
    private readonly timers: Timers,
    private readonly ingest: IngestService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.timers.handle<PullData>(PULL_QUEUE, async (d) => {
      await this.onTimer(d);
    });
  }

  async list(): Promise<PullFeedDto[]> {
    return (await this.repo.feeds()).map(toDto);
  }

  async entries(id: string): Promise<PullEntryDto[]> {
    await this.feed(id);
    return (await this.repo.entries(id)).map(entryDto);
  }

  create(user: AuthUser, body: PullFeedInput): Promise<PullFeedDto> {
    this.checkHosts(body);
    return this.events.write(user.username, async (tx) => {
      const f = await this.repo.createFeed(tx.manager, { ...body, nextPollAt: null });
      if (f.enabled) await this.scheduleAt(tx.manager, f, this.clock.now());
      tx.emit('cap.config_changed', {
        what: 'pull_feed',
        action: 'created',
        id: f.id,
        name: f.name,
      });
      return toDto(f);
    });
  }

  async update(user: AuthUser, id: string, body: PullFeedInput): Promise<PullFeedDto> {
    this.checkHosts(body);
    await this.feed(id);
    return this.events.write(user.username, async (tx) => {
      const f = await this.repo.feed(id, tx.manager);
      if (!f) throw notFound('Pull feed');
      Object.assign(f, body);
      f.nextPollAt = null;
      if (f.enabled) await this.scheduleAt(tx.manager, f, this.clock.now());
      else await this.repo.saveFeed(tx.manager, f);
      tx.emit('cap.config_changed', {
        what: 'pull_feed',
        action: 'updated',
        id: f.id,
        name: f.name,
      });
      return toDto(f);
    });
  }

  async remove(user: AuthUser, id: string): Promise<PullFeedDto> {
    const f = await this.feed(id);
    return this.events.write(user.username, async (tx) => {
      await this.repo.deleteFeed(tx.manager, id);
      tx.emit('cap.config_changed', { what: 'pull_feed', action: 'deleted', id, name: f.name });
      return toDto(f);
    });
  }

  /** Admin "poll now": runs one poll in this request and reports what it did. */
  async pollNow(id: string): Promise<PullPollSummary> {
    const f = await this.feed(id);
    return this.poll(f);
  }

  private async feed(id: string): Promise<PullFeed> {
    const f = await this.repo.feed(id);
    if (!f) throw notFound('Pull feed');
    return f;
  }

  private checkHosts(body: PullFeedInput): void {
    checkCertificates(body.trustedCertificates);
    if (!hostAllowed(body.url, body.allowedHosts)) {
      throw new ApiException(
        HttpStatus.BAD_REQUEST,
        'VALIDATION_FAILED',
        'body.url: its host must be in allowedHosts',
        'body.url',
      );
    }
  }

  private async scheduleAt(m: EntityManager, f: PullFeed, at: Date): Promise<void> {
    f.nextPollAt = at;
    await this.repo.saveFeed(m, f);
    const data: PullData = { feedId: f.id, due: at.toISOString() };
    await this.timers.schedule(m, PULL_QUEUE, `${f.id}:${data.due}`, at, data);
  }

  /** A firing for any time but the feed's next poll is stale (re-scheduled, disabled). */
  private async onTimer(d: PullData): Promise<void> {
    const f = await this.repo.feed(d.feedId);
    if (!f || !f.enabled || f.nextPollAt?.toISOString() !== d.due) return;
    try {
      await this.poll(f);
    } finally {
      // Poller bookkeeping (not domain state): the next firing of this feed.
      await this.repo.transaction(async (m) => {
        const cur = await this.repo.feedForUpdate(m, f.id);
        if (!cur || !cur.enabled || cur.nextPollAt?.toISOString() !== d.due) return;
        await this.scheduleAt(m, cur, new Date(this.clock.now().getTime() + cur.intervalS * 1000));
      });
    }
  }

  private async poll(f: PullFeed): Promise<PullPollSummary> {
    const summary: PullPollSummary = {
      notModified: false,
      ingested: 0,
      duplicates: 0,
      quarantined: 0,
      error: null,
    };
    const now = this.clock.now();
    try {
      const index = await fetchText(f.url, f.allowedHosts, {
        etag: f.etag,
        lastModified: f.lastModified,
      });
      if (index.status === 304) {
        summary.notModified = true;
        await this.repo.countOn(f.id, 'notModified');
      } else {
        const entries = parseIndex(index.body, f.url);
        for (const e of entries) await this.entry(f, e.id, e.url, summary);
        await this.repo.updateFeed(f.id, { etag: index.etag, lastModified: index.lastModified });
      }
      await this.repo.updateFeed(f.id, { lastPollAt: now, lastSuccessAt: now });
    } catch (e) {
      summary.error = reasonOf(e);
      this.log.warn(`pull feed ${f.name}: ${summary.error}`);
      await this.repo.updateFeed(f.id, {
        lastPollAt: now,
        lastError: summary.error,
        lastErrorAt: now,
      });
    }
    return summary;
  }

  /** One entry, fetched once: later polls skip any URL already recorded for this feed. */
  private async entry(
    f: PullFeed,
    entryId: string,
    url: string,
    s: PullPollSummary,
  ): Promise<void> {
    if (await this.repo.entrySeen(f.id, url)) return;
    let row: Partial<PullEntry>;
    try {
      const cap = await fetchText(url, f.allowedHosts);
      const reply = await this.ingest.ingest(
        cap.bytes,
        { source: 'pull', name: f.name, trustedCertificates: f.trustedCertificates },
        charsetOf(cap.contentType ?? undefined),
      );
      row = {
        status: reply.created ? 'ingested' : 'duplicate',
        messageId: reply.result.messageId,
        reason: null,
      };
      if (reply.created) s.ingested++;
      else s.duplicates++;
    } catch (e) {
      row = { status: 'quarantined', reason: reasonOf(e), messageId: null };
      s.quarantined++;
    }
    await this.repo.recordEntry({ feedId: f.id, entryId: entryId.slice(0, 2000), url, ...row });
    await this.repo.countOn(
      f.id,
      row.status === 'quarantined' ? 'entriesQuarantined' : 'entriesIngested',
    );
  }
}

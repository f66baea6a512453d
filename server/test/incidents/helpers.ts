import type { EventMap, EventType, IncidentFeedReport } from '@sanfang/shared';
import type { CommittedEvent } from '../../src/events/event-log';
import { EventsPublisher } from '../../src/events/events.publisher';
import type { TestApp } from '../helpers/app';

export const FEED = 'Bearer demo-feed';
let n = 0;

/** An incident report as another system would send it (西乡, one car in an underpass). */
export const report = (over: Partial<IncidentFeedReport> = {}): IncidentFeedReport => ({
  source: 'hotline12345',
  externalId: `ext-${Date.now()}-${++n}`,
  type: 'waterlogging',
  occurredAt: '2025-06-11T15:30:00+08:00',
  location: { lon: 113.875, lat: 22.585, address: '西乡大道下穿通道' },
  description: '车辆被困积水',
  casualties: { deaths: 0, seriousInjuries: 0, missing: 0, trapped: 0 },
  directLossCny: 0,
  ...over,
});

/** Records every published event; `next` resolves on the first matching one (past or future). */
export class EventTap {
  readonly seen: CommittedEvent[] = [];
  private waiters: {
    match: (e: CommittedEvent) => boolean;
    resolve: (e: CommittedEvent) => void;
  }[] = [];

  constructor(t: TestApp) {
    t.app.get(EventsPublisher).onPublished((events) => {
      for (const e of events) {
        this.seen.push(e);
        for (const w of this.waiters.filter((x) => x.match(e))) w.resolve(e);
        this.waiters = this.waiters.filter((x) => !x.match(e));
      }
    });
  }

  of<K extends EventType>(type: K, where: (p: EventMap[K]) => boolean = () => true): EventMap[K][] {
    return this.seen
      .filter((e) => e.type === type && where(e.payload as EventMap[K]))
      .map((e) => e.payload as EventMap[K]);
  }

  next<K extends EventType>(
    type: K,
    where: (p: EventMap[K]) => boolean = () => true,
  ): Promise<EventMap[K]> {
    const match = (e: CommittedEvent): boolean =>
      e.type === type && where(e.payload as EventMap[K]);
    const hit = this.seen.find(match);
    if (hit) return Promise.resolve(hit.payload as EventMap[K]);
    return new Promise((resolve) =>
      this.waiters.push({ match, resolve: (e) => resolve(e.payload as EventMap[K]) }),
    );
  }
}

import { Logger } from '@nestjs/common';
import * as smpp from 'smpp';
import type { NotifyChannel, OutboundMessage } from '../channel';
import type { SmppOptions } from './smpp-url';
import { type SmsPart, splitUcs2, UCS2, UDHI } from './sms-text';

/** A delivery receipt's verdict for one segment. */
export interface SmppReceipt {
  gatewayId: string;
  state: 'delivered' | 'failed' | 'expired';
  error: string | null;
}

/** A message whose fate at the gateway is unknown: it is never written again (docs/SMS.md). */
export interface SmppInDoubt {
  id: string;
  /** Ids of the parts the gateway did accept (empty after a crash). */
  gatewayIds: string[];
  reason: string;
}

/**
 * Where the channel records what it does (the outbox rows). `submitting` is awaited before
 * a message's first segment is written: a row found `submitting` after a crash is in doubt,
 * and an in-doubt message is never written again (at most once).
 */
export interface SmppHooks {
  submitting(ids: string[]): Promise<void>;
  submitted(done: { id: string; gatewayIds: string[] }[]): Promise<void>;
  inDoubt(items: SmppInDoubt[]): Promise<void>;
  rejected(id: string, error: string): Promise<void>;
  /** Messages this sender never started after all (stopping): back to the outbox now. */
  handBack(ids: string[]): Promise<void>;
  /** Extends the lease of messages still held here (so no other sender takes them). */
  renew(ids: string[], leaseS: number): Promise<void>;
  receipts(r: SmppReceipt[]): Promise<void>;
  inbound(from: string, text: string): Promise<void>;
}

interface Entry {
  msg: OutboundMessage;
  priority: number;
  parts: SmsPart[];
  gatewayIds: string[];
  /** Segments not yet accepted by the gateway. */
  open: Set<number>;
  /** Segments written whose answer never came (the link dropped): their fate is unknown. */
  doubt: Set<number>;
  marked: boolean;
  /** The `submitting` record in progress (started ahead of time, see markAhead). */
  marking: Promise<void> | null;
  sentAny: boolean;
  /** Its outcome is being recorded (submitted or in doubt). */
  recording: boolean;
  finished: boolean;
  /** Receipts for segments that arrived before the message was recorded. */
  held: { r: SmppReceipt; done: () => void; fail: (e: unknown) => void }[];
  finish: (outcome: 'submitted' | 'handled' | { failed: string }) => void;
}

interface Item {
  entry: Entry;
  part: number;
  tries: number;
  /** When it was last written (ms): a refusal of a part sent before a pause began is not news. */
  sentAt: number;
}

const RETRYABLE = new Set([smpp.ESME_RTHROTTLED, smpp.ESME_RMSGQFUL, smpp.ESME_RSYSERR]);
const MAX_TRIES = 10;
const RECEIPT_FAIL: Record<string, SmppReceipt['state']> = {
  DELIVRD: 'delivered',
  EXPIRED: 'expired',
  UNDELIV: 'failed',
  REJECTD: 'failed',
  DELETED: 'failed',
  UNKNOWN: 'failed',
};
/** message_state TLV (SMPP 3.4 §5.2.28) → the receipt's verdict; other states are interim. */
const MESSAGE_STATE: Record<number, SmppReceipt['state']> = {
  2: 'delivered',
  3: 'expired',
  4: 'failed',
  5: 'failed',
  7: 'failed',
  8: 'failed',
};

/**
 * SMPP 3.4 as an ESME: one transceiver bind, submit_sm in UCS2 with concatenation headers,
 * a window of unanswered submits and a rate in submits per second, enquire_link keep-alive,
 * reconnect with exponential backoff. Messages wait in priority queues (higher first, then
 * arrival); receipts and inbound texts go to the hooks. A segment is written at most once
 * unless the gateway answered it with a retryable error. See docs/SMS.md.
 */
export class SmppChannel implements NotifyChannel {
  readonly name = 'smpp' as const;
  /** Claim a few seconds of sending at a time (the outbox claims more when `ready`). */
  readonly claimSize: number;
  /** Short leases, renewed every few seconds while a message is held here (queued or in flight). */
  readonly leaseS = 15;
  private readonly held = new Set<Entry>();
  private renewTimer: NodeJS.Timeout | null = null;
  private readonly log = new Logger('notify:smpp');
  private hooks: SmppHooks | null = null;
  private readonly queues = new Map<number, Item[]>();
  /** Priorities with a queue, highest first. */
  private prios: number[] = [];
  private queued = 0;
  private readyWaiters: (() => void)[] = [];
  private session: smpp.Session | null = null;
  private bound = false;
  private boundWaiters: (() => void)[] = [];
  private readonly inflight = new Map<Item, NodeJS.Timeout>();
  /** Gateway ids of messages not yet recorded (their receipts wait). */
  private readonly partial = new Map<string, Entry>();
  private readonly completing = new Set<Promise<void>>();
  private readonly interval: number;
  /** How far behind its schedule the pacing may run before it stops catching up (ms). */
  private readonly slackMs: number;
  /** Segments to record as `submitting` ahead of the pump (about 100 ms of sending). */
  private readonly markAheadSegs: number;
  private nextAt = 0;
  private throttleMs = 0;
  /** When the current throttle pause began (ms since the epoch; 0: none yet). */
  private pausedAt = 0;
  private pumpTimer: NodeJS.Timeout | null = null;
  private pumping = false;
  /** pump() was called while the loop ran: it goes round again before it ends. */
  private pumpAgain = false;
  private reconnectMs: number;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private enquireTimer: NodeJS.Timeout | null = null;
  private stopped = true;
  /** stop() was called: nothing new is taken (before start(), messages wait for the bind). */
  private closing = false;
  /** Submits written (segments), for benchmarks and tests. */
  submits = 0;
  /** Pump stalls waiting for a `submitting` record, for benchmarks. */
  markStalls = 0;
  /** Throttle pauses taken (one per refusal episode), for benchmarks and tests. */
  pauses = 0;

  constructor(readonly options: SmppOptions) {
    this.interval = 1000 / options.rate;
    this.slackMs = Math.max(0, (options.burst - 1) * this.interval);
    this.markAheadSegs = Math.max(options.window, Math.ceil(options.rate / 10));
    this.claimSize = Math.max(50, Math.ceil(options.rate * 2));
    this.reconnectMs = options.reconnectMinMs;
  }

  setHooks(h: SmppHooks): void {
    this.hooks = h;
  }

  isBound(): boolean {
    return this.bound;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
    this.renewTimer = setInterval(
      () => {
        const ids = [...this.held].map((e) => e.msg.id);
        if (ids.length > 0)
          this.hooks
            ?.renew(ids, this.leaseS)
            .catch((e: unknown) => this.log.warn(`lease renewal: ${String(e)}`));
      },
      (this.leaseS * 1000) / 3,
    );
    this.renewTimer.unref();
  }

  /**
   * Graceful: messages not yet started go back to the outbox at once; the parts of messages
   * already started still go out and their answers are recorded, for up to the response
   * timeout; then unbind. Nothing is written twice.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.closing = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.renewTimer) clearInterval(this.renewTimer);
    const back = new Set<Entry>();
    for (const q of this.queues.values())
      for (let i = q.length - 1; i >= 0; i--) {
        const it = q[i];
        if (it && !it.entry.sentAny && !it.entry.finished) {
          back.add(it.entry);
          q.splice(i, 1);
          this.queued--;
        }
      }
    try {
      await this.hooks?.handBack([...back].map((e) => e.msg.id));
    } catch (e) {
      this.log.warn(`could not hand messages back: ${String(e)}`);
    }
    for (const e of back) e.finish({ failed: 'channel stopped' });
    const until = Date.now() + this.options.responseTimeoutMs;
    while (
      (this.inflight.size > 0 || this.queued > 0 || this.completing.size > 0) &&
      this.bound &&
      Date.now() < until
    )
      await new Promise((r) => setTimeout(r, 10));
    if (this.pumpTimer) clearTimeout(this.pumpTimer);
    const s = this.session;
    // Whatever is still in flight is in doubt; parts never written leave their message in doubt.
    this.dropLink();
    for (const q of this.queues.values())
      for (const it of q.splice(0)) {
        it.entry.doubt.add(it.part);
        this.settle(it.entry, 'stopped in the middle of the message');
      }
    this.queued = 0;
    await Promise.allSettled([...this.completing]);
    if (s) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => s.destroy(() => resolve()), 500);
        s.unbind({}, () => {
          clearTimeout(t);
          s.close(() => resolve());
        });
        s.once('close', () => resolve());
      });
    }
    for (const w of this.readyWaiters.splice(0)) w();
  }

  /** Resolves when the queue is down to about a second of sending: time to claim more. */
  ready(): Promise<void> {
    if (this.queued <= this.options.rate || this.closing) return Promise.resolve();
    return new Promise((r) => this.readyWaiters.push(r));
  }

  send(messages: OutboundMessage[]): ReturnType<NotifyChannel['send']> {
    const delivered: string[] = [];
    const failed: { id: string; error: string }[] = [];
    if (this.closing)
      return Promise.resolve({
        delivered,
        failed: messages.map((m) => ({ id: m.id, error: 'channel stopped' })),
      });
    const entries: Entry[] = [];
    // A sender died between recording `submitting` and recording the answer: the gateway may
    // or may not have it. Never written again (the call's answer window repeats it).
    const inDoubt = messages.filter((m) => m.inDoubt);
    const settled =
      inDoubt.length === 0
        ? Promise.resolve()
        : (
            this.hooks?.inDoubt(
              inDoubt.map((m) => ({ id: m.id, gatewayIds: [], reason: 'in doubt after a crash' })),
            ) ?? Promise.resolve()
          ).then(
            () => {
              this.log.warn(`${inDoubt.length} message(s) in doubt after a crash: not resent`);
              delivered.push(...inDoubt.map((m) => m.id));
            },
            (e: unknown) => {
              failed.push(...inDoubt.map((m) => ({ id: m.id, error: String(e) })));
            },
          );
    const done = messages
      .filter((m) => !m.inDoubt)
      .map(
        (msg) =>
          new Promise<void>((resolve) => {
            let parts: SmsPart[];
            try {
              parts = splitUcs2(msg.text, msg.id);
            } catch (e) {
              void this.reject(msg.id, e instanceof Error ? e.message : String(e)).then(() => {
                delivered.push(msg.id);
                resolve();
              });
              return;
            }
            const entry: Entry = {
              msg,
              priority: msg.priority ?? 0,
              parts,
              gatewayIds: parts.map(() => ''),
              open: new Set(parts.map((_, i) => i)),
              doubt: new Set(),
              marked: false,
              marking: null,
              sentAny: false,
              recording: false,
              finished: false,
              held: [],
              finish: (o) => {
                if (entry.finished) return;
                entry.finished = true;
                this.held.delete(entry);
                if (typeof o === 'object') failed.push({ id: msg.id, error: o.failed });
                else delivered.push(msg.id);
                resolve();
              },
            };
            entries.push(entry);
            this.held.add(entry);
            parts.forEach((_, part) => this.enqueue({ entry, part, tries: 0, sentAt: 0 }, false));
          }),
      );
    // Not bound in time: messages not yet started go back to the outbox (retried later).
    const wait = setTimeout(() => {
      if (this.bound) return;
      for (const e of entries)
        if (!e.finished && !e.sentAny) this.failEntry(e, 'SMPP gateway unavailable');
    }, this.options.connectWaitMs);
    this.pump();
    return Promise.all([...done, settled]).then(() => {
      clearTimeout(wait);
      return { delivered, failed };
    });
  }

  /** Resolves once bound (tests, benchmarks). */
  whenBound(): Promise<void> {
    return this.bound ? Promise.resolve() : new Promise((r) => this.boundWaiters.push(r));
  }

  // --- queue -------------------------------------------------------------------------------

  private enqueue(it: Item, front: boolean): void {
    let q = this.queues.get(it.entry.priority);
    if (!q) {
      q = [];
      this.queues.set(it.entry.priority, q);
      this.prios = [...this.queues.keys()].sort((a, b) => b - a);
    }
    if (front) q.unshift(it);
    else q.push(it);
    this.queued++;
  }

  private peek(): Item | undefined {
    for (const p of this.prios) {
      const q = this.queues.get(p);
      if (q && q.length > 0) return q[0];
    }
    return undefined;
  }

  private dequeue(it: Item): void {
    const q = this.queues.get(it.entry.priority);
    if (q?.[0] === it) {
      q.shift();
      this.queued--;
    }
  }

  private removeEntry(e: Entry): void {
    const q = this.queues.get(e.priority);
    if (!q) return;
    for (let i = q.length - 1; i >= 0; i--)
      if (q[i]?.entry === e) {
        q.splice(i, 1);
        this.queued--;
      }
  }

  private failEntry(e: Entry, error: string): void {
    this.removeEntry(e);
    e.finish({ failed: error });
  }

  private async reject(id: string, error: string): Promise<void> {
    try {
      await this.hooks?.rejected(id, error);
    } catch (e) {
      this.log.warn(`could not record rejection of ${id}: ${String(e)}`);
    }
  }

  private wakeReaders(): void {
    if (this.readyWaiters.length > 0 && this.queued <= this.options.rate)
      for (const w of this.readyWaiters.splice(0)) w();
  }

  // --- sending -----------------------------------------------------------------------------

  private pump(): void {
    if (!this.bound) return;
    if (this.pumping) {
      // The loop may already have found the queue empty and be on its way out: it goes round
      // once more, else a send() in that gap (one made the moment the link binds) waited for
      // the next unrelated pump, perhaps for ever.
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    void this.pumpLoop();
  }

  private async pumpLoop(): Promise<void> {
    // Cleared in the same turn the loop decides to end, so a pump() after it is never lost.
    try {
      do {
        this.pumpAgain = false;
        await this.pumpSteps();
      } while (this.pumpAgain && this.bound);
    } finally {
      this.pumping = false;
    }
  }

  private async pumpSteps(): Promise<void> {
    while (this.bound && this.inflight.size < this.options.window) {
      const it = this.peek();
      if (!it) return;
      if (it.entry.finished) {
        this.dequeue(it);
        continue;
      }
      if (!it.entry.marked) {
        // Recorded before the first segment leaves: after a crash this row is in doubt.
        this.markAhead();
        this.markStalls++;
        try {
          await (it.entry.marking ?? this.mark([it.entry]));
        } catch (e) {
          this.log.warn(`could not record submitting: ${String(e)}`);
          this.schedulePump(1000);
          return;
        }
        continue;
      }
      const now = Date.now();
      if (now < this.nextAt) {
        this.schedulePump(this.nextAt - now);
        return;
      }
      this.dequeue(it);
      // A late wake-up catches up by up to `burst` segments; never faster on average.
      this.nextAt = Math.max(this.nextAt, now - this.slackMs) + this.interval;
      this.write(it);
      this.markAhead();
      this.wakeReaders();
    }
  }

  /** Records entries as `submitting` (one statement); they may be written once it commits. */
  private mark(entries: Entry[]): Promise<void> {
    const p = (this.hooks?.submitting(entries.map((e) => e.msg.id)) ?? Promise.resolve()).then(
      () => {
        for (const e of entries) e.marked = true;
      },
    );
    for (const e of entries)
      e.marking = p.catch((err: unknown) => {
        e.marking = null;
        throw err;
      });
    p.catch(() => undefined);
    return p;
  }

  /**
   * Keeps about 100 ms of sending (at least a window) recorded as `submitting` ahead of the
   * pump, in one statement per top-up, so the pump never waits on the database. At a crash
   * these are in doubt too (and not resent), so it is kept short.
   */
  private markAhead(): void {
    let ready = 0;
    const todo: Entry[] = [];
    const seen = new Set<Entry>();
    scan: for (const p of this.prios)
      for (const it of this.queues.get(p) ?? []) {
        const e = it.entry;
        if (e.finished || e.sentAny || seen.has(e)) continue;
        seen.add(e);
        if (e.marked || e.marking) ready += e.parts.length;
        else todo.push(e);
        if (ready + todo.reduce((n, t) => n + t.parts.length, 0) >= this.markAheadSegs) break scan;
      }
    if (todo.length === 0 || ready * 2 > this.markAheadSegs) return;
    this.mark(todo).catch(() => undefined);
  }

  private schedulePump(ms: number): void {
    if (this.pumpTimer) return;
    this.pumpTimer = setTimeout(() => {
      this.pumpTimer = null;
      this.pump();
    }, ms);
  }

  private write(it: Item): void {
    const s = this.session;
    const { entry, part } = it;
    const seg = entry.parts[part];
    if (!s || !seg) return;
    it.tries++;
    it.sentAt = Date.now();
    const dest = entry.msg.address.replace(/[\s-]/g, '');
    const src = this.options.source;
    const ok = s.submit_sm(
      {
        source_addr_ton: /^\d+$/.test(src) ? 0 : 5,
        source_addr_npi: /^\d+$/.test(src) ? 1 : 0,
        source_addr: src,
        dest_addr_ton: dest.startsWith('+') ? 1 : 0,
        dest_addr_npi: 1,
        destination_addr: dest.replace(/^\+/, ''),
        esm_class: seg.udh.length > 0 ? UDHI : 0,
        registered_delivery: this.options.receipts ? 1 : 0,
        data_coding: UCS2,
        short_message: Buffer.concat([seg.udh, seg.body]),
      },
      (resp) => this.onSubmitResp(s, it, resp),
    );
    if (!ok) {
      // Socket not writable (nothing was written): the link is going down; sent on the next.
      this.enqueue(it, true);
      return;
    }
    this.submits++;
    entry.sentAny = true;
    this.inflight.set(
      it,
      setTimeout(() => {
        this.log.warn('submit_sm_resp timed out: dropping the link');
        s.destroy();
      }, this.options.responseTimeoutMs),
    );
  }

  private onSubmitResp(s: smpp.Session, it: Item, resp: smpp.Pdu): void {
    if (s !== this.session || !this.inflight.has(it)) return;
    const t = this.inflight.get(it);
    if (t) clearTimeout(t);
    this.inflight.delete(it);
    const { entry, part } = it;
    const status = resp.command_status;
    if (status === smpp.ESME_ROK) {
      this.throttleMs = 0;
      const gid = String(resp.message_id);
      entry.gatewayIds[part] = gid;
      entry.open.delete(part);
      this.partial.set(gid, entry);
      this.settle(entry, '');
    } else if (RETRYABLE.has(status) && it.tries < MAX_TRIES) {
      // Refused, so not taken: back off, then this segment goes first. The parts in flight
      // when the gateway began refusing come back refused one after another: one pause for
      // them all. Only a part sent after the pause began, refused again, doubles it (else a
      // window of 20 refusals doubled 50 ms to 5 s in one burst and stalled sending).
      if (it.sentAt > this.pausedAt) {
        this.throttleMs = Math.min(Math.max(this.throttleMs * 2, 50), 5_000);
        this.pausedAt = Date.now();
        this.pauses++;
        this.nextAt = this.pausedAt + this.throttleMs;
      }
      this.enqueue(it, true);
    } else {
      const error = `submit_sm refused: 0x${status.toString(16).padStart(4, '0')}`;
      this.removeEntry(entry);
      if (!entry.finished)
        void this.reject(entry.msg.id, error).then(() => entry.finish('handled'));
    }
    this.pump();
  }

  /**
   * Records a message once none of its parts is queued or in flight: submitted when every
   * part was accepted, in doubt when some part's answer never came.
   */
  private settle(entry: Entry, reason: string): void {
    if (entry.finished || entry.recording) return;
    if (entry.open.size === 0) this.track(this.record(entry, null));
    else if ([...entry.open].every((p) => entry.doubt.has(p)))
      this.track(this.record(entry, reason || 'link dropped with a part in flight'));
  }

  private track(p: Promise<void>): void {
    this.completing.add(p);
    void p.finally(() => this.completing.delete(p));
  }

  private async record(entry: Entry, doubt: string | null): Promise<void> {
    entry.recording = true;
    const gatewayIds = entry.gatewayIds.filter((g) => g !== '');
    try {
      if (doubt === null) await this.hooks?.submitted([{ id: entry.msg.id, gatewayIds }]);
      else {
        this.log.warn(`${entry.msg.id} in doubt (${doubt}): not resent`);
        await this.hooks?.inDoubt([{ id: entry.msg.id, gatewayIds, reason: doubt }]);
      }
    } catch (e) {
      this.log.warn(`could not record ${entry.msg.id}: ${String(e)}`);
    }
    for (const g of gatewayIds) this.partial.delete(g);
    entry.finish('submitted');
    const held = entry.held.splice(0);
    if (held.length > 0)
      await this.hooks?.receipts(held.map((h) => h.r)).then(
        () => held.forEach((h) => h.done()),
        (e: unknown) => held.forEach((h) => h.fail(e)),
      );
  }

  // --- the link ----------------------------------------------------------------------------

  private connect(): void {
    if (this.stopped) return;
    const o = this.options;
    const s = smpp.connect({ host: o.host, port: o.port, tls: o.tls });
    this.session = s;
    s.on('error', (e: Error) => this.log.warn(`SMPP link: ${e.message}`));
    s.on('close', () => {
      if (s !== this.session) return;
      this.dropLink();
      this.scheduleReconnect();
    });
    s.on('connect', () => {
      s.bind_transceiver(
        { system_id: o.systemId, password: o.password, system_type: o.systemType },
        (resp) => {
          if (s !== this.session) return;
          if (resp.command_status !== smpp.ESME_ROK) {
            this.log.error(`bind_transceiver refused: 0x${resp.command_status.toString(16)}`);
            s.destroy();
            return;
          }
          this.bound = true;
          this.reconnectMs = o.reconnectMinMs;
          this.log.log(`bound to ${o.host}:${o.port} as ${o.systemId}`);
          this.startEnquire(s);
          for (const w of this.boundWaiters.splice(0)) w();
          this.pump();
        },
      );
    });
    s.on('enquire_link', (pdu: smpp.Pdu) => {
      s.send(pdu.response());
    });
    s.on('unbind', (pdu: smpp.Pdu) => {
      s.send(pdu.response());
      s.close();
    });
    s.on('deliver_sm', (pdu: smpp.Pdu) => {
      void this.onDeliver(pdu).then(
        () => s.send(pdu.response()),
        (e: unknown) => {
          // Not acknowledged: the gateway redelivers it later.
          this.log.warn(`deliver_sm not recorded: ${String(e)}`);
          s.send(pdu.response({ command_status: smpp.ESME_RSYSERR }));
        },
      );
    });
  }

  private startEnquire(s: smpp.Session): void {
    if (this.enquireTimer) clearInterval(this.enquireTimer);
    this.enquireTimer = setInterval(() => {
      const dead = setTimeout(() => {
        this.log.warn('enquire_link unanswered: dropping the link');
        s.destroy();
      }, this.options.responseTimeoutMs);
      s.enquire_link({}, () => clearTimeout(dead));
    }, this.options.enquireMs);
  }

  /**
   * The link is gone: segments in flight may or may not have been taken, so they are never
   * written again; their messages' other parts still go out, then the message is in doubt.
   */
  private dropLink(): void {
    this.bound = false;
    if (this.enquireTimer) clearInterval(this.enquireTimer);
    this.enquireTimer = null;
    const lost = [...this.inflight.keys()];
    for (const [, t] of this.inflight) clearTimeout(t);
    this.inflight.clear();
    for (const it of lost) it.entry.doubt.add(it.part);
    for (const it of lost) this.settle(it.entry, 'link dropped with a part in flight');
    this.session = null;
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const ms = this.reconnectMs * (0.75 + Math.random() / 2);
    this.reconnectMs = Math.min(this.reconnectMs * 2, this.options.reconnectMaxMs);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, ms);
  }

  private async onDeliver(pdu: smpp.Pdu): Promise<void> {
    const esm = Number(pdu.esm_class ?? 0);
    const sm = pdu.short_message as { message?: unknown } | Buffer | undefined;
    const payload = pdu.message_payload as { message?: unknown } | undefined;
    const raw = payload?.message ?? (Buffer.isBuffer(sm) ? sm.toString('latin1') : sm?.message);
    const text = typeof raw === 'string' ? raw : Buffer.isBuffer(raw) ? raw.toString() : '';
    if ((esm & 0x3c) === 0x04) {
      const r = parseReceipt(text, pdu);
      if (!r) return;
      const waiting = this.partial.get(r.gatewayId);
      // Recorded once the message is (the receipt cannot name a row before that).
      if (waiting) return new Promise<void>((done, fail) => waiting.held.push({ r, done, fail }));
      await this.hooks?.receipts([r]);
      return;
    }
    await this.hooks?.inbound(String(pdu.source_addr), text);
  }
}

/** A receipt from its TLVs where present, else from the customary text (id: … stat: … err:). */
export function parseReceipt(text: string, pdu: smpp.Pdu): SmppReceipt | null {
  const id =
    (typeof pdu.receipted_message_id === 'string' && pdu.receipted_message_id) ||
    /\bid:(\S+)/i.exec(text)?.[1];
  if (!id) return null;
  const stat = /\bstat:(\w+)/i.exec(text)?.[1]?.toUpperCase();
  const err = /\berr:(\w+)/i.exec(text)?.[1] ?? null;
  const tlv = typeof pdu.message_state === 'number' ? MESSAGE_STATE[pdu.message_state] : undefined;
  const state = tlv ?? (stat ? RECEIPT_FAIL[stat] : undefined);
  if (!state) return null;
  return {
    gatewayId: id,
    state,
    error: state === 'delivered' ? null : `${stat ?? state}${err ? ` err:${err}` : ''}`,
  };
}

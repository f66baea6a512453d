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

/**
 * Where the channel records what it does (the outbox rows). `submitting` is awaited before
 * a message's first segment is written: a row found `submitting` after a crash is in doubt.
 */
export interface SmppHooks {
  submitting(ids: string[]): Promise<void>;
  submitted(done: { id: string; gatewayIds: string[] }[]): Promise<void>;
  rejected(id: string, error: string): Promise<void>;
  /** Messages this sender will not hand over after all (stopping): back to the outbox now. */
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
  marked: boolean;
  /** The `submitting` record in progress (started ahead of time, see markAhead). */
  marking: Promise<void> | null;
  sentAny: boolean;
  finished: boolean;
  /** Receipts for segments that arrived before the last segment was accepted. */
  held: { r: SmppReceipt; done: () => void; fail: (e: unknown) => void }[];
  finish: (outcome: 'submitted' | 'handled' | { failed: string }) => void;
}

interface Item {
  entry: Entry;
  part: number;
  tries: number;
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
 * arrival); receipts and inbound texts go to the hooks. See docs/SMS.md.
 */
export class SmppChannel implements NotifyChannel {
  readonly name = 'smpp' as const;
  /** Claim a few seconds of sending at a time. */
  readonly claimSize: number;
  /** Short leases, renewed every few seconds while a message is held here (queued or in flight). */
  readonly leaseS = 15;
  private readonly held = new Set<Entry>();
  private renewTimer: NodeJS.Timeout | null = null;
  private readonly log = new Logger('notify:smpp');
  private hooks: SmppHooks | null = null;
  private readonly queues = new Map<number, Item[]>();
  private session: smpp.Session | null = null;
  private bound = false;
  private boundWaiters: (() => void)[] = [];
  private readonly inflight = new Map<Item, NodeJS.Timeout>();
  /** Gateway ids of messages with segments still unaccepted (their receipts wait). */
  private readonly partial = new Map<string, Entry>();
  private readonly completing = new Set<Promise<void>>();
  private readonly interval: number;
  private nextAt = 0;
  private throttleMs = 0;
  private pumpTimer: NodeJS.Timeout | null = null;
  private pumping = false;
  private reconnectMs: number;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private enquireTimer: NodeJS.Timeout | null = null;
  private stopped = true;
  /** Submits written (segments), for benchmarks and tests. */
  submits = 0;

  constructor(readonly options: SmppOptions) {
    this.interval = 1000 / options.rate;
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
   * Graceful: nothing new is written; segments in flight get their answers (and are recorded)
   * for up to the response timeout, then unbind. Whatever is still queued goes back.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.pumpTimer) clearTimeout(this.pumpTimer);
    if (this.renewTimer) clearInterval(this.renewTimer);
    const until = Date.now() + this.options.responseTimeoutMs;
    while ((this.inflight.size > 0 || this.completing.size > 0) && this.bound && Date.now() < until)
      await new Promise((r) => setTimeout(r, 10));
    await Promise.allSettled([...this.completing]);
    const s = this.session;
    this.dropLink();
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
    // Whatever is still queued goes back to the outbox for another sender, at once.
    const left = new Set<Entry>();
    for (const q of this.queues.values()) for (const it of q.splice(0)) left.add(it.entry);
    try {
      await this.hooks?.handBack([...left].map((e) => e.msg.id));
    } catch (e) {
      this.log.warn(`could not hand messages back: ${String(e)}`);
    }
    for (const e of left) e.finish({ failed: 'channel stopped' });
  }

  send(messages: OutboundMessage[]): ReturnType<NotifyChannel['send']> {
    const delivered: string[] = [];
    const failed: { id: string; error: string }[] = [];
    const entries: Entry[] = [];
    const inDoubt = messages.filter((m) => m.inDoubt).length;
    // A sender died between recording `submitting` and recording the answer: sent again.
    if (inDoubt > 0) this.log.warn(`${inDoubt} message(s) in doubt after a crash: sending again`);
    const done = messages.map(
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
            marked: false,
            marking: null,
            sentAny: false,
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
          parts.forEach((_, part) => this.enqueue({ entry, part, tries: 0 }, false));
        }),
    );
    // Not bound in time: messages not yet handed over go back to the outbox (retried later).
    const wait = setTimeout(() => {
      if (this.bound) return;
      for (const e of entries)
        if (!e.finished && !e.sentAny) this.failEntry(e, 'SMPP gateway unavailable');
    }, this.options.connectWaitMs);
    this.pump();
    return Promise.all(done).then(() => {
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
    }
    if (front) q.unshift(it);
    else q.push(it);
  }

  private peek(): Item | undefined {
    let best: number | null = null;
    for (const [p, q] of this.queues) if (q.length > 0 && (best === null || p > best)) best = p;
    return best === null ? undefined : this.queues.get(best)?.[0];
  }

  private dequeue(it: Item): void {
    const q = this.queues.get(it.entry.priority);
    if (q?.[0] === it) q.shift();
  }

  private removeEntry(e: Entry): void {
    const q = this.queues.get(e.priority);
    if (!q) return;
    for (let i = q.length - 1; i >= 0; i--) if (q[i]?.entry === e) q.splice(i, 1);
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

  // --- sending -----------------------------------------------------------------------------

  private pump(): void {
    if (this.pumping || !this.bound || this.stopped) return;
    this.pumping = true;
    void this.pumpLoop();
  }

  private async pumpLoop(): Promise<void> {
    // Cleared in the same turn the loop ends, so a pump() after it is never lost.
    try {
      await this.pumpSteps();
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
        try {
          await this.mark(it.entry);
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
      this.nextAt = Math.max(this.nextAt, now - this.interval) + this.interval;
      this.write(it);
      this.markAhead();
    }
  }

  private mark(e: Entry): Promise<void> {
    e.marking ??= (this.hooks?.submitting([e.msg.id]) ?? Promise.resolve()).then(
      () => {
        e.marked = true;
      },
      (err: unknown) => {
        e.marking = null;
        throw err;
      },
    );
    return e.marking;
  }

  /**
   * Records the next message in line as `submitting` while this one's segments go out, so
   * the pump never waits on the database: at most one more message is in doubt at a crash.
   */
  private markAhead(): void {
    const prios = [...this.queues.keys()].sort((a, b) => b - a);
    for (const p of prios)
      for (const it of this.queues.get(p) ?? []) {
        if (it.entry.finished || it.entry.marked) continue;
        if (!it.entry.marking) this.mark(it.entry).catch(() => undefined);
        return;
      }
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
    entry.sentAny = true;
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
    this.submits++;
    if (!ok) {
      // Socket not writable: the link is going down; the close handler requeues.
      this.enqueue(it, true);
      return;
    }
    this.inflight.set(
      it,
      setTimeout(() => {
        this.log.warn('submit_sm_resp timed out: dropping the link');
        s.destroy();
      }, this.options.responseTimeoutMs),
    );
  }

  private onSubmitResp(s: smpp.Session, it: Item, resp: smpp.Pdu): void {
    if (s !== this.session) return;
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
      if (entry.open.size === 0) {
        const p = this.complete(entry);
        this.completing.add(p);
        void p.finally(() => this.completing.delete(p));
      } else this.partial.set(gid, entry);
    } else if (RETRYABLE.has(status) && it.tries < MAX_TRIES) {
      // The gateway is over its rate or busy: back off, then this segment goes first.
      this.throttleMs = Math.min(Math.max(this.throttleMs * 2, 100), 5_000);
      this.nextAt = Date.now() + this.throttleMs;
      this.enqueue(it, true);
    } else {
      const error = `submit_sm refused: 0x${status.toString(16).padStart(4, '0')}`;
      this.removeEntry(entry);
      if (!entry.finished)
        void this.reject(entry.msg.id, error).then(() => entry.finish('handled'));
    }
    this.pump();
  }

  private async complete(entry: Entry): Promise<void> {
    for (const g of entry.gatewayIds) this.partial.delete(g);
    try {
      await this.hooks?.submitted([{ id: entry.msg.id, gatewayIds: entry.gatewayIds }]);
    } catch (e) {
      this.log.warn(`could not record submit of ${entry.msg.id}: ${String(e)}`);
    }
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

  /** The link is gone: segments in flight go back first in line (they may have arrived). */
  private dropLink(): void {
    this.bound = false;
    if (this.enquireTimer) clearInterval(this.enquireTimer);
    this.enquireTimer = null;
    const back = [...this.inflight.keys()];
    for (const [, t] of this.inflight) clearTimeout(t);
    this.inflight.clear();
    for (const it of back.reverse()) this.enqueue(it, true);
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
      // Recorded once the whole message is (the receipt cannot name a row before that).
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

/**
 * A small SMSC (the `smpp` package's server side) for tests and bench:lastmile: accepts
 * transceiver binds, takes submit_sm at a fixed rate (token bucket; above it ESME_RTHROTTLED),
 * records every segment, reassembles concatenated messages, answers with delivery receipts,
 * and can send inbound texts, drop connections, go down and come back up.
 */
import type { AddressInfo } from 'node:net';
import * as smpp from 'smpp';
import { decodeUcs2 } from '../../src/dispatch/notify/smpp/sms-text';

export interface Segment {
  gatewayId: string;
  dest: string;
  source: string;
  dataCoding: number;
  esmClass: number;
  text: string;
  ref: number | null;
  total: number;
  seq: number;
  at: number;
}

export interface SmscOptions {
  systemId?: string;
  password?: string;
  /** Accepted submit_sm per second (token bucket, burst of rate/10, at least 1). */
  rate?: number;
  /** Receipt status for a destination: DELIVRD (default), UNDELIV, EXPIRED, or null for none. */
  receipt?: (dest: string) => string | null;
  /** Answer this many submits with ESME_RTHROTTLED before taking any (whatever the rate). */
  throttleFirst?: number;
  /** Refuse submits to a destination with this command_status (e.g. 0x0B ESME_RINVDSTADR). */
  reject?: (dest: string) => number | null;
  /** Called when a whole message arrives ("dest\ntext", how many times it has so far). */
  onWhole?: (key: string, times: number) => void;
  /** The phone's reply to a whole message (e.g. "4821 A"), sent back as an inbound text. */
  answer?: (dest: string, text: string) => string | null;
}

export class Smsc {
  readonly segments: Segment[] = [];
  /** Reassembled messages by "dest\ntext" → how many times the whole message arrived. */
  readonly messages = new Map<string, number>();
  /** When each whole message (same key) first became complete (ms since epoch). */
  readonly completedAt = new Map<string, number>();
  throttled = 0;
  binds = 0;
  port = 0;
  private server: smpp.Server | null = null;
  private nextId = 1;
  private tokens: number;
  private last = Date.now();
  private readonly parts = new Map<string, Map<number, string>>();
  private listeners: (() => void)[] = [];
  private throttleLeft: number;

  constructor(private readonly o: SmscOptions = {}) {
    this.tokens = this.burst();
    this.throttleLeft = o.throttleFirst ?? 0;
  }

  private burst(): number {
    return Math.max(1, (this.o.rate ?? 0) / 10);
  }

  /** Listens (on `port`, else a free one); resolves with the port. */
  async listen(port = this.port): Promise<number> {
    const server = smpp.createServer((s) => this.session(s));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    this.port = (server.address() as AddressInfo).port;
    return this.port;
  }

  /** Stops listening and drops every connection (the gateway is down). */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const s of [...server.sessions]) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Drops every connection but keeps listening (a network blip). */
  drop(): void {
    for (const s of [...(this.server?.sessions ?? [])]) s.destroy();
  }

  url(params = 'source=12110&rate=200&window=10'): string {
    return `smpp://${this.o.systemId ?? 'sanfang'}:${this.o.password ?? 'secret'}@127.0.0.1:${this.port}?${params}`;
  }

  /** A text from a phone to the bureau (deliver_sm, UCS2), to every bound session. */
  inbound(from: string, text: string): Promise<number> {
    const sessions = this.server?.sessions ?? [];
    return Promise.all(
      sessions.map(
        (s) =>
          new Promise<number>((resolve) =>
            s.deliver_sm(
              {
                source_addr: from,
                destination_addr: '12110',
                data_coding: 8,
                short_message: Buffer.from(text, 'utf16le').swap16(),
              },
              (resp) => resolve(resp.command_status),
            ),
          ),
      ),
    ).then((r) => r[0] ?? -1);
  }

  /** Resolves once `pred` holds (checked after every accepted segment). */
  until(pred: () => boolean, timeoutMs = 30_000): Promise<void> {
    if (pred()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== check);
        reject(new Error('smsc: timed out'));
      }, timeoutMs);
      const check = (): void => {
        if (!pred()) return;
        clearTimeout(t);
        this.listeners = this.listeners.filter((l) => l !== check);
        resolve();
      };
      this.listeners.push(check);
    });
  }

  /** Whole messages received more than once. */
  doubled(): number {
    return [...this.messages.values()].filter((n) => n > 1).length;
  }

  private take(): boolean {
    if (this.throttleLeft > 0) {
      this.throttleLeft--;
      return false;
    }
    const rate = this.o.rate;
    if (!rate) return true;
    const now = Date.now();
    this.tokens = Math.min(this.burst(), this.tokens + ((now - this.last) * rate) / 1000);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private session(s: smpp.Session): void {
    s.on('error', () => undefined);
    let bound = false;
    s.on('bind_transceiver', (pdu: smpp.Pdu) => {
      const ok =
        pdu.system_id === (this.o.systemId ?? 'sanfang') &&
        pdu.password === (this.o.password ?? 'secret');
      bound = ok;
      if (ok) this.binds++;
      s.send(pdu.response({ command_status: ok ? 0 : smpp.ESME_RBINDFAIL, system_id: 'smsc' }));
      if (!ok) s.close();
    });
    s.on('enquire_link', (pdu: smpp.Pdu) => s.send(pdu.response()));
    s.on('unbind', (pdu: smpp.Pdu) => {
      s.send(pdu.response());
      s.close();
    });
    s.on('deliver_sm_resp', () => undefined);
    s.on('submit_sm', (pdu: smpp.Pdu) => {
      if (!bound) return void s.send(pdu.response({ command_status: 0x04 }));
      const refused = this.o.reject?.(String(pdu.destination_addr)) ?? null;
      if (refused !== null) return void s.send(pdu.response({ command_status: refused }));
      if (!this.take()) {
        this.throttled++;
        return void s.send(pdu.response({ command_status: smpp.ESME_RTHROTTLED }));
      }
      const gatewayId = (this.nextId++).toString(16).padStart(8, '0');
      const esm = Number(pdu.esm_class);
      const sm = pdu.short_message as Buffer | { message: Buffer | string; udh?: Buffer[] };
      // The library decodes the text (by data_coding) and splits off the UDH elements.
      const d = Buffer.isBuffer(sm)
        ? decodeUcs2(sm, (esm & 0x40) !== 0)
        : (() => {
            const concat = (sm.udh ?? []).find((u) => u[0] === 0x00 && u[1] === 0x03);
            return {
              text: typeof sm.message === 'string' ? sm.message : sm.message.toString(),
              ref: concat ? (concat[2] ?? 0) : null,
              total: concat ? (concat[3] ?? 1) : 1,
              seq: concat ? (concat[4] ?? 1) : 1,
            };
          })();
      const seg: Segment = {
        gatewayId,
        dest: String(pdu.destination_addr),
        source: String(pdu.source_addr),
        dataCoding: Number(pdu.data_coding),
        esmClass: esm,
        text: d.text,
        ref: d.ref,
        total: d.total,
        seq: d.seq,
        at: Date.now(),
      };
      this.segments.push(seg);
      const whole = this.assemble(seg);
      s.send(pdu.response({ message_id: gatewayId }));
      const stat =
        Number(pdu.registered_delivery) & 1 ? (this.o.receipt?.(seg.dest) ?? 'DELIVRD') : null;
      if (stat) {
        setImmediate(() =>
          s.deliver_sm({
            source_addr: seg.dest,
            destination_addr: seg.source,
            esm_class: 0x04,
            short_message: `id:${gatewayId} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:2607010000 done date:2607010000 stat:${stat} err:${stat === 'DELIVRD' ? '000' : '001'} text:`,
            receipted_message_id: gatewayId,
            message_state: stat === 'DELIVRD' ? 2 : stat === 'EXPIRED' ? 3 : 5,
          }),
        );
      }
      const reply = whole === null ? null : (this.o.answer?.(seg.dest, whole) ?? null);
      if (reply !== null)
        setImmediate(() =>
          s.deliver_sm({
            source_addr: seg.dest,
            destination_addr: seg.source,
            data_coding: 8,
            short_message: Buffer.from(reply, 'utf16le').swap16(),
          }),
        );
      for (const l of [...this.listeners]) l();
    });
  }

  /** The whole text when this segment completes a message, else null. */
  private assemble(seg: Segment): string | null {
    let whole: string | null = seg.text;
    if (seg.total > 1) {
      const key = `${seg.dest}/${seg.ref}`;
      const got = this.parts.get(key) ?? new Map<number, string>();
      got.set(seg.seq, seg.text);
      this.parts.set(key, got);
      whole = null;
      if (got.size === seg.total) {
        whole = [...got.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([, t]) => t)
          .join('');
        this.parts.delete(key);
      }
    }
    if (whole === null) return null;
    const k = `${seg.dest}\n${whole}`;
    const times = (this.messages.get(k) ?? 0) + 1;
    this.messages.set(k, times);
    if (!this.completedAt.has(k)) this.completedAt.set(k, seg.at);
    this.o.onWhole?.(k, times);
    return whole;
  }
}

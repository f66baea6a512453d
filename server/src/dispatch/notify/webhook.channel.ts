import type { NotifyChannel, OutboundMessage } from './channel';

const CONCURRENCY = 16;

/**
 * POSTs each message to the bureau's SMS/voice gateway as JSON, with an Idempotency-Key
 * header (the message id): a retry after a crash is recognisable as the same message.
 */
export class WebhookChannel implements NotifyChannel {
  readonly name = 'webhook' as const;

  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  async send(messages: OutboundMessage[]): ReturnType<NotifyChannel['send']> {
    const delivered: string[] = [];
    const failed: { id: string; error: string }[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let m = messages[next++]; m; m = messages[next++]) {
        const error = await this.post(m);
        if (error === null) delivered.push(m.id);
        else failed.push({ id: m.id, error });
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, messages.length) }, worker));
    return { delivered, failed };
  }

  private async post(m: OutboundMessage): Promise<string | null> {
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': m.id },
        body: JSON.stringify({
          id: m.id,
          kind: m.kind,
          to: m.address,
          recipient: m.recipient,
          text: m.text,
          dispatchId: m.dispatchId,
          callId: m.callId ?? null,
        }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      // Drain the body so the connection is reused.
      await res.arrayBuffer().catch(() => undefined);
      return res.ok ? null : `gateway answered ${res.status}`;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }
}

import { Smsc } from '../../bench/lib/smsc';
import type { OutboundMessage } from '../../src/dispatch/notify/channel';
import { SmppChannel } from '../../src/dispatch/notify/smpp/smpp.channel';
import { parseSmppUrl } from '../../src/dispatch/notify/smpp/smpp-url';

/**
 * The channel against a gateway that refuses (ESME_RTHROTTLED) everything it has in flight at
 * once: one pause for that refusal, not one doubling per refused part. (Found by
 * bench:lastmile: eight refusals in a row doubled 50 ms to 5 s and stalled a red-warning
 * call-out's on-site leads for five seconds.)
 */
describe('SMPP channel under ESME_RTHROTTLED', () => {
  const open: { close: () => Promise<unknown> }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
  });

  const messages = (n: number): OutboundMessage[] =>
    Array.from({ length: n }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      kind: 'callout',
      recipient: `contact ${i}`,
      address: `+86138${String(i).padStart(8, '0')}`,
      text: `积水点${i}：请立即到岗`,
      dispatchId: null,
      priority: 2,
    }));

  /** A channel bound to `smsc`; the caller sends in the same turn the bind was seen. */
  async function channelOn(smsc: Smsc, params: string): Promise<SmppChannel> {
    await smsc.listen();
    open.push({ close: () => smsc.down() });
    const channel = new SmppChannel(parseSmppUrl(smsc.url(params)));
    channel.start();
    open.push({ close: () => channel.stop() });
    await channel.whenBound();
    return channel;
  }

  it('a window refused at once is one pause, and every message arrives once', async () => {
    // Twenty one-part messages leave in one burst (window 20, burst 20) before any answer is
    // back; the gateway refuses all twenty.
    const smsc = new Smsc({ rate: 1000, throttleFirst: 20 });
    const channel = await channelOn(smsc, 'source=12110&rate=1000&burst=20&window=20');
    const msgs = messages(20);
    const result = await channel.send(msgs);

    expect(smsc.throttled).toBe(20);
    expect(channel.pauses).toBe(1);
    expect(result.failed).toEqual([]);
    expect(result.delivered.sort()).toEqual(msgs.map((m) => m.id).sort());
    expect(smsc.messages.size).toBe(20);
    expect(smsc.doubled()).toBe(0);
  });

  it('a send made the moment the link binds goes out (the pump is not already on its way out)', async () => {
    // The bind wakes the pump, which finds nothing queued; a send() in the same turn used to
    // find it still running, leave the work to it, and wait for ever.
    const smsc = new Smsc({ rate: 1000 });
    const channel = await channelOn(smsc, 'source=12110&rate=1000');
    const msgs = messages(3);
    const result = await channel.send(msgs);
    expect(result.delivered.sort()).toEqual(msgs.map((m) => m.id).sort());
    expect(smsc.messages.size).toBe(3);
  }, 10_000);

  it('a gateway that goes on refusing what is sent after the pause doubles it', async () => {
    // Sent one at a time (window 1): each refusal is of a part sent after the last pause began.
    const smsc = new Smsc({ rate: 1000, throttleFirst: 4 });
    const channel = await channelOn(smsc, 'source=12110&rate=1000&burst=1&window=1');
    const msgs = messages(3);
    const result = await channel.send(msgs);

    expect(smsc.throttled).toBe(4);
    expect(channel.pauses).toBe(4);
    expect(result.delivered.sort()).toEqual(msgs.map((m) => m.id).sort());
    expect(smsc.doubled()).toBe(0);
  });
});

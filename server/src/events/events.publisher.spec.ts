import type { CommittedEvent } from './event-log';
import { EventsPublisher, mergeRanges, type LiveServer } from './events.publisher';

describe(mergeRanges.name, () => {
  it('merges adjacent and overlapping ranges, whatever order commits finished in', () => {
    expect(
      mergeRanges([
        [7, 7],
        [5, 5],
        [6, 6],
        [10, 12],
        [13, 13],
        [20, 21],
      ]),
    ).toEqual([
      [5, 7],
      [10, 13],
      [20, 21],
    ]);
  });

  it('keeps a gap that another instance may fill', () => {
    expect(
      mergeRanges([
        [1, 2],
        [4, 4],
      ]),
    ).toEqual([
      [1, 2],
      [4, 4],
    ]);
  });
});

describe(EventsPublisher.name, () => {
  /** socket.io's server surface the publisher uses: what was sent, to whom. */
  function fakeServer(fail = false): { server: LiveServer; sent: string[] } {
    const sent: string[] = [];
    const server = {
      to: (rooms: string[]) => ({
        emit: (ev: string, env: { seq: number }) => {
          if (fail) throw new Error('adapter down');
          sent.push(`${ev}:${env.seq}>${rooms.join(',')}`);
        },
      }),
      local: { except: () => ({ emit: (ev: string) => sent.push(ev) }) },
    } as unknown as LiveServer;
    return { server, sent };
  }
  const event = (seq: number): CommittedEvent => ({
    seq,
    type: 'notice.posted',
    occurredAt: new Date(0).toISOString(),
    actor: 'test',
    subdistrictCodes: [],
    contactIds: [],
    payload: { id: `n${seq}`, text: 't', level: 'info', author: 'test' },
  });

  it('knows which seqs went out from here, so a head beacon is needed only for the others', () => {
    const p = new EventsPublisher();
    const { server, sent } = fakeServer();
    p.attach(server);
    p.publish([event(1), event(2)]);
    p.publish([event(4)]); // seq 3 was committed on another instance
    expect(sent).toEqual(['event:1>console', 'event:2>console', 'event:4>console']);
    expect(p.deliveredLocally(0, 2)).toBe(true);
    expect(p.deliveredLocally(2, 4)).toBe(false); // 3 came through Redis, or not at all
    p.publish([event(5), event(6)]);
    expect(p.deliveredLocally(4, 6)).toBe(true);
    expect(p.deliveredLocally(6, 7)).toBe(false); // committed, not yet published here
  });

  it('marks nothing delivered when the push itself failed, so clients are sent to the log', () => {
    const p = new EventsPublisher();
    p.attach(fakeServer(true).server);
    p.publish([event(1)]);
    expect(p.deliveredLocally(0, 1)).toBe(false);
  });
});

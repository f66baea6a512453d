import type { IncidentEventPayload } from '@sanfang/shared';
import { liveSocket, settle } from '../../../test/liveSocket';
import { event, incident } from '../../../test/consoleFactories';
import { LiveFeatureStore, replay, type LiveFeature } from '../../live/state/liveFeature';
import { applyIncidentEvent, emptyIncidents, incidentsFromList } from './applyIncidentEvents';

const incidentEvent = (over: Partial<IncidentEventPayload>) =>
  event('incident.updated', {
    incidentId: 'i1',
    type: 'waterlogging',
    grade: 'general',
    previousGrade: null,
    status: 'reported',
    title: '积水',
    subdistrictCode: null,
    casualties: { dead: 0, injured: 0, missing: 0 },
    directLossCny: 0,
    version: 2,
    source: 'console',
    ...over,
  } as IncidentEventPayload);

describe('incidents: one reducer for the live console and for replay', () => {
  it('the live state is the fold of the events onto the snapshot, as an after-action replay computes it', async () => {
    const snapshot = incidentsFromList([incident({ id: 'i1', status: 'reported' })]);
    const events = [
      incidentEvent({ title: '积水加深', version: 2 }),
      event('incident.sensor_alarm', {
        pointId: 'p1',
        pointCode: 'WL-1',
        state: 'raised',
        depthM: 0.4,
        alarmDepthM: 0.3,
        incidentId: 'i1',
      }),
      incidentEvent({ title: '积水加深', status: 'responding', version: 3 }),
    ];
    const feature: LiveFeature<typeof snapshot> = {
      empty: emptyIncidents,
      apply: applyIncidentEvent,
      load: () => Promise.resolve(snapshot),
    };
    const store = new LiveFeatureStore(feature);
    const live = liveSocket();
    store.start(live.onEvents);
    live.push(events[0]!);
    await settle();
    live.push(events[1]!, events[2]!);

    const folded = events.reduce(applyIncidentEvent, snapshot);
    expect(store.getSnapshot().state).toEqual(folded);
    expect(replay(feature, snapshot, events)).toEqual(folded);
    expect(folded.incidents.get('i1')).toMatchObject({ title: '积水加深', status: 'responding' });
    expect([...folded.ponding]).toEqual(['p1']);
  });

  it('drops a closed incident and leaves unrelated events passing through unchanged', () => {
    const snapshot = incidentsFromList([incident({ id: 'i1', status: 'reported' })]);
    expect(applyIncidentEvent(snapshot, event('notice.posted', { text: 'x' } as never))).toBe(
      snapshot,
    );
    const closed = applyIncidentEvent(snapshot, incidentEvent({ status: 'closed' }));
    expect(closed.incidents.size).toBe(0);
  });
});

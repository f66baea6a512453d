import type { WarningEventPayload } from '@sanfang/shared';
import { event, warning } from '../../../test/consoleFactories';
import { applyWarningDetail, applyWarningEvents, warningsFromList } from './applyWarningEvents';

const payload = (over: Partial<WarningEventPayload> = {}): WarningEventPayload => ({
  warningId: 'w2',
  hazard: 'rainstorm',
  colour: 'orange',
  status: 'Actual',
  headline: '宝安区暴雨橙色预警',
  subdistrictCodes: [],
  state: 'active',
  level: 'II',
  expires: '2025-06-11T13:20:00.000Z',
  districtWide: true,
  drill: false,
  ...over,
});

describe('applying warning events', () => {
  it('puts an issued warning on at once from the event and asks for its detail', () => {
    const { state, fetch } = applyWarningEvents(warningsFromList([]), [
      event('warning.issued', payload()),
    ]);
    const w = state.byId.get('w2');
    expect(w).toMatchObject({ colour: 'orange', level: 'II', districtWide: true, areas: [] });
    expect(w?.expires).toBe('2025-06-11T13:20:00.000Z');
    expect(fetch).toEqual(['w2']);
  });

  it('upgrades in place and drops old polygons when the area changed', () => {
    const before = warningsFromList([
      warning({
        id: 'w2',
        colour: 'yellow',
        subdistrictCodes: ['440306001'],
        districtWide: false,
        areas: [{ areaDesc: 'x', polygons: [], circles: [], geocodes: [] }],
      }),
    ]);
    const { state } = applyWarningEvents(before, [
      event('warning.updated', payload({ subdistrictCodes: ['440306002'], districtWide: false })),
    ]);
    expect(state.byId.get('w2')).toMatchObject({
      colour: 'orange',
      subdistrictCodes: ['440306002'],
      areas: [],
    });
  });

  it('removes cancelled, expired and retracted warnings and does not fetch them', () => {
    const before = warningsFromList([warning({ id: 'w2' }), warning({ id: 'w3' })]);
    const { state, fetch } = applyWarningEvents(before, [
      event('warning.updated', payload()),
      event('warning.cancelled', payload()),
      event('warning.expired', payload({ warningId: 'w3' })),
    ]);
    expect([...state.byId.keys()]).toEqual([]);
    expect(fetch).toEqual([]);
  });

  it('ignores other events and keeps the same state object', () => {
    const before = warningsFromList([warning()]);
    const out = applyWarningEvents(before, [event('notice.posted', { text: 'x' } as never)]);
    expect(out.state).toBe(before);
  });

  it('keeps a fetched detail only while the warning is still active', () => {
    const live = applyWarningEvents(warningsFromList([]), [
      event('warning.issued', payload()),
    ]).state;
    const detailed = applyWarningDetail(live, warning({ id: 'w2', headline: 'detail' }));
    expect(detailed.byId.get('w2')?.headline).toBe('detail');
    const gone = applyWarningDetail(warningsFromList([]), warning({ id: 'w2' }));
    expect(gone.byId.size).toBe(0);
  });
});

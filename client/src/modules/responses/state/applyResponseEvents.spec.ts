import { event, response, responsePayload } from '../../../test/consoleFactories';
import { activeResponses, applyResponseEvents, responsesFromLists } from './applyResponseEvents';

const p = responsePayload;

describe('applying response events', () => {
  it('starts, raises and ends a response, keeping the history', () => {
    let s = responsesFromLists([], []);
    s = applyResponseEvents(s, [event('response.started', p({}), '2025-06-11T07:00:00Z')]);
    s = applyResponseEvents(s, [
      event('response.level_changed', p({ level: 'II', previousLevel: 'IV', reason: '升级' })),
    ]);
    const [r] = activeResponses(s);
    expect(r).toMatchObject({ level: 'II', status: 'active' });
    expect(r?.history.map((h) => [h.action, h.level])).toEqual([
      ['start', 'IV'],
      ['raise', 'II'],
    ]);
    s = applyResponseEvents(s, [event('response.ended', p({ level: 'II' }))]);
    expect(activeResponses(s)).toEqual([]);
  });

  it('records a lower as lower', () => {
    const s = applyResponseEvents(responsesFromLists([response({ level: 'II' })], []), [
      event('response.level_changed', p({ level: 'III', previousLevel: 'II' })),
    ]);
    expect(activeResponses(s)[0]?.history.at(-1)?.action).toBe('lower');
  });

  it('adds a suggestion as a prompt and removes it once decided', () => {
    let s = applyResponseEvents(responsesFromLists([], []), [
      event('response.suggested', {
        suggestionId: 's1',
        warningId: 'w1',
        hazard: 'flood',
        level: 'III',
        action: 'start',
        subdistrictCodes: [],
        reason: '暴雨橙色预警',
        autoApply: false,
      }),
    ]);
    expect(s.suggestions.get('s1')).toMatchObject({ status: 'pending', level: 'III' });
    s = applyResponseEvents(s, [
      event('response.suggestion_decided', {
        suggestionId: 's1',
        status: 'accepted',
        responseId: 'r1',
        by: 'commander',
        note: null,
      }),
    ]);
    expect(s.suggestions.size).toBe(0);
  });
});

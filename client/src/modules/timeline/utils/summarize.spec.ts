import type { EventEnvelope } from '@sanfang/shared';
import { detailOf, groupOf } from './summarize';

describe('timeline summaries', () => {
  it('groups events by the feature they come from', () => {
    expect(groupOf('warning.issued')).toBe('warning');
    expect(groupOf('team.status_changed')).toBe('resource');
    expect(groupOf('shelter.opened')).toBe('resource');
    expect(groupOf('dispatch.escalated')).toBe('dispatch');
  });

  it('shows a notice as its text and a late arrival as late', () => {
    const notice: EventEnvelope = {
      seq: 1,
      type: 'notice.posted',
      occurredAt: '2026-06-11T06:05:00.000Z',
      payload: { id: 'n', text: '<b>not html</b>', level: 'info', author: 'duty' },
    };
    expect(detailOf(notice)).toBe('<b>not html</b>');
    const arrived: EventEnvelope = {
      seq: 2,
      type: 'dispatch.arrived',
      occurredAt: '2026-06-11T06:05:00.000Z',
      payload: {
        dispatchId: 'd',
        responseId: 'r',
        pointId: 'p',
        contactId: 'c',
        role: 'onsite_lead',
        status: 'on_site',
        late: true,
      },
    };
    expect(detailOf(arrived)).toContain('late');
  });
});

import {
  CAP_MSG_TYPES,
  CAP_STATUSES,
  CONTACT_ROLES,
  DISPATCH_STATUSES,
  INCIDENT_GRADES,
  INCIDENT_STATUSES,
  RESPONSE_HAZARDS,
  RESPONSE_LEVELS,
  SIGNAL_COLOURS,
  TEAM_STATUSES,
  type EventEnvelope,
  type EventMap as EventPayloads,
  type EventType,
  type SuggestionBasis,
} from '@sanfang/shared';
import i18next, { type TFunction } from 'i18next';
import { en } from '../../../i18n/en';
import { zhCN } from '../../../i18n/zh-CN';
import { suggestionText } from '../../responses/utils/suggestionText';
import { detailOf, groupOf } from './summarize';

const AT = '2026-06-11T06:05:00.000Z';
let seq = 0;
const ev = <T extends EventType>(type: T, payload: EventPayloads[T]): EventEnvelope =>
  ({ seq: ++seq, type, occurredAt: AT, payload }) as unknown as EventEnvelope;
const keys = <O extends object>(o: O) => Object.keys(o) as (keyof O & string)[];

/** Every event whose detail shows an enum value, with every value of it. Free text is Chinese. */
function everyEnumEvent(): EventEnvelope[] {
  const out: EventEnvelope[] = [];
  const dispatchTypes = [
    'dispatch.created',
    'dispatch.acknowledged',
    'dispatch.arrived',
    'dispatch.escalated',
    'dispatch.stood_down',
  ] as const;
  for (const type of dispatchTypes)
    for (const role of CONTACT_ROLES)
      for (const status of DISPATCH_STATUSES)
        for (const late of [false, true])
          out.push(
            ev(type, {
              dispatchId: 'd',
              responseId: 'r',
              pointId: 'p',
              contactId: 'c',
              role,
              status,
              late,
            }),
          );
  for (const previousStatus of TEAM_STATUSES)
    for (const status of TEAM_STATUSES)
      out.push(
        ev('team.status_changed', {
          teamId: 't',
          subdistrictCode: '440306001',
          status,
          previousStatus,
          incidentId: null,
        }),
      );
  for (const grade of INCIDENT_GRADES)
    for (const status of INCIDENT_STATUSES)
      out.push(
        ev('incident.status_changed', {
          incidentId: 'i',
          type: 'waterlogging',
          grade,
          previousGrade: null,
          status,
          title: '宝安大道积水',
          subdistrictCode: null,
          casualties: { deaths: 0, seriousInjuries: 0, missing: 0, trapped: 0 },
          directLossCny: 0,
          version: 1,
          source: 'console',
        }),
      );
  for (const msgType of CAP_MSG_TYPES)
    for (const status of CAP_STATUSES)
      for (const outcome of keys(zhCN.eventDetails.capOutcomes))
        out.push(
          ev('cap.received', {
            messageId: 'm',
            sender: 's',
            identifier: 'i',
            sent: AT,
            status,
            msgType,
            outcome,
            warningId: null,
            source: 'push',
          }),
        );
  for (const what of keys(zhCN.eventDetails.capConfigWhat))
    for (const action of keys(zhCN.eventDetails.configActions))
      out.push(ev('cap.config_changed', { what, action, id: 'x', name: '气象台' }));
  for (const what of keys(zhCN.eventDetails.incidentConfigWhat))
    out.push(ev('incident.config_changed', { what, code: null }));
  for (const type of ['response.started', 'response.level_changed', 'response.ended'] as const)
    for (const hazard of RESPONSE_HAZARDS)
      for (const level of RESPONSE_LEVELS)
        out.push(
          ev(type, {
            responseId: 'r',
            hazard,
            level,
            previousLevel: null,
            subdistrictCodes: [],
            reason: '暴雨红色预警',
            preemptive: false,
            warningId: null,
          }),
        );
  for (const status of keys(zhCN.eventDetails.suggestionStatuses))
    if (status !== 'pending')
      out.push(
        ev('response.suggestion_decided', {
          suggestionId: 's',
          status,
          responseId: null,
          by: '值班员',
          note: null,
        }),
      );
  // An auto-applied suggestion that failed: its English note must not reach a zh-CN reader.
  for (const failure of keys(zhCN.eventDetails.suggestionFailures))
    out.push(
      ev('response.suggestion_decided', {
        suggestionId: 's',
        status: 'failed',
        responseId: null,
        by: '值班员',
        note: 'No active flood response to end',
        failure,
      }),
    );
  for (const s of everySuggestion()) out.push(ev('response.suggested', s));
  for (const kind of keys(zhCN.eventDetails.importKinds))
    out.push(ev('resources.imported', { kind, inserted: 3, updated: 1 }));
  for (const sku of keys(zhCN.eventDetails.skus))
    out.push(
      ev('stock.moved', {
        movementId: 'm',
        warehouseId: 'w',
        subdistrictCode: '440306001',
        sku,
        kind: 'issue',
        quantity: 2,
        balanceAfter: 8,
      }),
    );
  out.push(
    ev('team.position_updated', {
      positions: [{ teamId: 't', lon: 113.8, lat: 22.6, at: AT }],
    } as EventPayloads['team.position_updated']),
    ev('team.position_stale', { teamId: 't', subdistrictCode: '440306001', lastSeenAt: AT }),
    ev('resources.coverage_gap_raised', {
      subdistrictCode: '440306001',
      responseIds: [],
      standbyTeams: 0,
    }),
  );
  return out;
}

function everySuggestion(): EventPayloads['response.suggested'][] {
  const out: EventPayloads['response.suggested'][] = [];
  for (const change of ['changed', 'expired', 'merged'] as const)
    for (const warningHazard of keys(zhCN.warnings.hazards))
      for (const colour of SIGNAL_COLOURS)
        for (const hazard of RESPONSE_HAZARDS)
          for (const level of [...RESPONSE_LEVELS, null]) {
            const basis: SuggestionBasis = {
              change,
              headline: '宝安区气象台发布预警',
              warningHazard,
              warningColour: colour,
              rule: level ? { hazard: warningHazard, colour } : null,
            };
            out.push({
              suggestionId: 's',
              warningId: 'w',
              hazard,
              level,
              action: level ? 'start' : 'end',
              subdistrictCodes: [],
              reason: 'English summary for API readers',
              basis,
              autoApply: false,
            });
          }
  return out;
}

async function translator(lng: 'zh-CN' | 'en'): Promise<TFunction> {
  const i = i18next.createInstance();
  await i.init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng,
    interpolation: { escapeValue: false },
  });
  return i.t;
}

describe('timeline summaries', () => {
  it('groups events by the feature they come from', () => {
    expect(groupOf('warning.issued')).toBe('warning');
    expect(groupOf('team.status_changed')).toBe('resource');
    expect(groupOf('shelter.opened')).toBe('resource');
    expect(groupOf('dispatch.escalated')).toBe('dispatch');
  });

  it('shows a notice as its text and a late arrival as late, in either language', async () => {
    const notice = ev('notice.posted', {
      id: 'n',
      text: '<b>not html</b>',
      level: 'info',
      author: 'duty',
    });
    expect(detailOf(notice, await translator('zh-CN'))).toBe('<b>not html</b>');
    const arrived = ev('dispatch.arrived', {
      dispatchId: 'd',
      responseId: 'r',
      pointId: 'p',
      contactId: 'c',
      role: 'traffic_police',
      status: 'stood_down',
      late: true,
    });
    expect(detailOf(arrived, await translator('zh-CN'))).toBe('交警 · 已解除 · 超时');
    expect(detailOf(arrived, await translator('en'))).toBe('Traffic police · Stood down · late');
  });

  it('never shows a raw key or an English word in zh-CN, for every enum value', async () => {
    const t = await translator('zh-CN');
    const bad = everyEnumEvent()
      .map((e) => `${e.type}: ${detailOf(e, t)}`)
      // Response levels are written IV级 (the served font has no Ⅳ); any other Latin is English.
      .filter((line) =>
        /[A-Za-z]{2,}/.test(line.slice(line.indexOf(': ') + 2).replace(/[IV]+级/g, '')),
      );
    expect(bad).toEqual([]);
  });

  it('never shows a raw key in English, for every enum value', async () => {
    const t = await translator('en');
    const bad = everyEnumEvent()
      .map((e) => detailOf(e, t))
      .filter((d) => /\b[a-z]+_[a-z_]+\b|\b[a-zA-Z]+\.[a-z_]+\.[a-zA-Z_]+/.test(d));
    expect(bad).toEqual([]);
  });

  it('words a response suggestion from its basis, as the issue saw it', async () => {
    const s = {
      hazard: 'typhoon' as const,
      level: 'attention' as const,
      reason: '台风白色预警: typhoon white → typhoon attention (table: typhoon white)',
      basis: {
        change: 'changed' as const,
        headline: '台风白色预警',
        warningHazard: 'typhoon',
        warningColour: 'white' as const,
        rule: { hazard: 'typhoon', colour: 'white' as const },
      },
    };
    expect(suggestionText(await translator('zh-CN'), s)).toBe(
      '台风白色预警：台风白色预警 → 防台风关注级响应（对照表：台风白色预警）',
    );
    expect(suggestionText(await translator('en'), s)).not.toMatch(/typhoon white/);
    // A suggestion recorded before the basis was kept still shows what the server said.
    expect(suggestionText(await translator('zh-CN'), { ...s, basis: null })).toBe(s.reason);
  });
});

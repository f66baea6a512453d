import {
  incidentsRoutes,
  INSTRUCTION_CONCERNS,
  responsesRoutes,
  warningsRoutes,
  type InstructionDto,
} from '@sanfang/shared';
import { useMemo, useState } from 'react';
import type { FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../utils/formatTime';
import { FormField } from '../../api/components/FormField';
import { useApiQuery } from '../../data/useApiQuery';

export type Concern = InstructionDto['concerns'];
type Kind = (typeof INSTRUCTION_CONCERNS)[number];
interface Choice {
  id: string;
  label: string;
  open: boolean;
  at: string;
}

/** The choices of one kind: open ones first, then the most recent; words narrow them. */
function useChoices(kind: Kind | 'none', words: string): Choice[] | undefined {
  const { t } = useTranslation();
  const q = words.trim();
  const incidentOptions = useMemo(() => ({ query: { limit: 50, ...(q ? { q } : {}) } }), [q]);
  const responseOptions = useMemo(() => ({ query: { status: 'all' as const } }), []);
  const incidents = useApiQuery(incidentsRoutes.list, incidentOptions, {
    enabled: kind === 'incident',
    invalidateOn: ['incident.*'],
  });
  const warnings = useApiQuery(warningsRoutes.list, undefined, {
    enabled: kind === 'warning',
    invalidateOn: ['warning.*'],
  });
  const responses = useApiQuery(responsesRoutes.list, responseOptions, {
    enabled: kind === 'response',
    invalidateOn: ['response.*'],
  });
  let list: Choice[] | undefined;
  if (kind === 'incident')
    list = incidents.data?.map((i) => ({
      id: i.id,
      label: `${i.title} · ${formatTime(i.occurredAt)} · ${t(`incidentStatuses.${i.status}`)}`,
      open: i.status !== 'closed',
      at: i.occurredAt,
    }));
  if (kind === 'warning')
    list = warnings.data?.map((w) => ({
      id: w.id,
      label: `${w.headline} · ${formatTime(w.issuedAt)}`,
      open: w.state === 'active',
      at: w.issuedAt,
    }));
  if (kind === 'response')
    list = responses.data?.map((r) => ({
      id: r.id,
      label: `${t(`ackHazards.${r.hazard}`)} ${t(`ackLevels.${r.level}`)} · ${formatTime(r.startedAt)}${r.status === 'ended' ? ` · ${t('dutyDesk.concerns.ended')}` : ''}`,
      open: r.status === 'active',
      at: r.startedAt,
    }));
  if (!list) return undefined;
  const filtered =
    kind === 'incident' || !q
      ? list
      : list.filter((c) => c.label.toLowerCase().includes(q.toLowerCase()));
  return [...filtered]
    .sort((a, b) => Number(b.open) - Number(a.open) || b.at.localeCompare(a.at))
    .slice(0, 50);
}

/**
 * 关联: what an instruction concerns — nothing, or one incident, warning or response, chosen
 * among the open ones and the most recent, narrowed by words in its title or headline.
 */
export function ConcernPicker({
  value,
  onChange,
  error,
}: {
  value: Concern;
  onChange: (c: Concern) => void;
  error?: FieldError;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind | 'none'>(value?.kind ?? 'none');
  const [words, setWords] = useState('');
  const choices = useChoices(kind, words);
  const chosen = value?.kind === kind ? value.id : '';
  const known = choices?.some((c) => c.id === chosen) ?? false;
  return (
    <fieldset className="concern-picker" data-testid="concern-picker">
      <legend>{t('dutyDesk.concerns.title')}</legend>
      <FormField label={t('dutyDesk.concerns.kind')}>
        <select
          name="concernsKind"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as Kind | 'none');
            setWords('');
            onChange(null);
          }}
        >
          <option value="none">{t('dutyDesk.concerns.kinds.none')}</option>
          {INSTRUCTION_CONCERNS.map((k) => (
            <option key={k} value={k}>
              {t(`dutyDesk.concerns.kinds.${k}`)}
            </option>
          ))}
        </select>
      </FormField>
      {kind !== 'none' && (
        <>
          <FormField label={t('dutyDesk.concerns.search')}>
            <input
              name="concernsSearch"
              type="search"
              value={words}
              onChange={(e) => setWords(e.target.value)}
            />
          </FormField>
          <FormField label={t(`dutyDesk.concerns.which.${kind}`)} error={error}>
            <select
              name="concernsId"
              required
              value={chosen}
              onChange={(e) => onChange(e.target.value ? { kind, id: e.target.value } : null)}
            >
              <option value="">
                {choices === undefined
                  ? t('dutyDesk.concerns.loading')
                  : choices.length === 0
                    ? t('dutyDesk.concerns.noneFound')
                    : t('dutyDesk.concerns.choose')}
              </option>
              {chosen && !known && <option value={chosen}>{chosen}</option>}
              {choices?.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </FormField>
        </>
      )}
    </fieldset>
  );
}

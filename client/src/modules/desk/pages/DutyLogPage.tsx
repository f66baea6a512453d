import { zodResolver } from '@hookform/resolvers/zod';
import {
  dutyLogEntrySchema,
  dutyLogRoutes,
  handoverSchema,
  type DutyLogEntryDto,
  type DutyLogEntryInput,
  type HandoverInput,
} from '@sanfang/shared';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ActionError } from '../../api/components/ActionError';
import { FieldIssue } from '../../api/components/FieldIssue';
import { applyServerError } from '../../api/utils/fieldErrors';
import { useApiMutation, useApiQuery } from '../../data/useApiQuery';
import { formatTime } from '../../../utils/formatTime';
import { beijingInstant, beijingToday, nextDay } from '../utils/beijing';

/** Events the reactor writes into the log as lines, and the log's own entries. */
const LOG_EVENTS = [
  'dutylog.*',
  'incident.*',
  'warning.*',
  'response.*',
  'dispatch.escalated',
  'shelter.opened',
  'shelter.closed',
] as const;

/** The duty log (值班日志): a day's events, entries, corrections and handovers; write, correct, hand over. */
export function DutyLogPage({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const date = search.get('date') ?? beijingToday();
  const fromTime = search.get('from') ?? '00:00';
  const toTime = search.get('to') ?? '';
  const query = useMemo(
    () => ({
      from: beijingInstant(date, fromTime),
      to: toTime ? beijingInstant(date, toTime) : beijingInstant(nextDay(date), '00:00'),
      limit: '2000',
    }),
    [date, fromTime, toTime],
  );
  const options = useMemo(() => ({ query }), [query]);
  const log = useApiQuery(dutyLogRoutes.list, options, { invalidateOn: LOG_EVENTS });
  const [correcting, setCorrecting] = useState<DutyLogEntryDto | null>(null);

  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next, { replace: true });
  };

  const entries = log.data ?? [];
  const correctedIds = new Set(entries.map((e) => e.correctsId).filter((id) => id !== null));

  return (
    <section className="desk-page duty-log" data-testid="duty-log-page">
      <h2>{t('dutyLog.title')}</h2>
      <div className="desk-page__toolbar no-print">
        <label>
          {t('dutyLog.date')}
          <input
            type="date"
            value={date}
            onChange={(e) => setFilter('date', e.target.value)}
            data-testid="duty-log-date"
          />
        </label>
        <label>
          {t('dutyLog.from')}
          <input
            type="time"
            value={fromTime}
            onChange={(e) => setFilter('from', e.target.value)}
            data-testid="duty-log-from"
          />
        </label>
        <label>
          {t('dutyLog.to')}
          <input
            type="time"
            value={toTime}
            onChange={(e) => setFilter('to', e.target.value)}
            data-testid="duty-log-to"
          />
        </label>
        <button type="button" className="button" onClick={() => window.print()}>
          {t('dutyLog.print')}
        </button>
      </div>
      {log.error !== null && <ActionError error={log.error} />}
      {log.isPending ? (
        <p>{t('dutyLog.loading')}</p>
      ) : entries.length === 0 ? (
        <p data-testid="duty-log-empty">{t('dutyLog.empty')}</p>
      ) : (
        <table className="desk-table" data-testid="duty-log-table">
          <caption className="visually-hidden">{t('dutyLog.caption', { date })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dutyLog.at')}</th>
              <th scope="col">{t('dutyLog.kind')}</th>
              <th scope="col">{t('dutyLog.author')}</th>
              <th scope="col">{t('dutyLog.text')}</th>
              {canWrite && (
                <th scope="col" className="no-print">
                  {t('dutyLog.actions')}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr
                key={e.id}
                data-testid={`duty-log-row-${e.id}`}
                data-kind={e.kind}
                className={correctedIds.has(e.id) ? 'desk-table__row--corrected' : undefined}
              >
                <td>{formatTime(e.at, { date: false, seconds: true })}</td>
                <td>{t(`dutyLog.kinds.${e.kind}`)}</td>
                <td>{e.author}</td>
                <td>
                  {e.correctsId !== null && (
                    <span className="desk-table__note">
                      {t('dutyLog.corrects', { id: e.correctsId })}{' '}
                    </span>
                  )}
                  {e.text}
                  {correctedIds.has(e.id) && (
                    <span className="desk-table__note"> {t('dutyLog.corrected')}</span>
                  )}
                </td>
                {canWrite && (
                  <td className="no-print">
                    {e.kind !== 'event' && (
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => setCorrecting(e)}
                        aria-label={t('dutyLog.correctEntry', { id: e.id })}
                      >
                        {t('dutyLog.correct')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canWrite && (
        <div className="desk-page__forms no-print">
          <EntryForm correcting={correcting} onDone={() => setCorrecting(null)} />
          <HandoverForm />
        </div>
      )}
    </section>
  );
}

function EntryForm({
  correcting,
  onDone,
}: {
  correcting: DutyLogEntryDto | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const add = useApiMutation(dutyLogRoutes.add, [dutyLogRoutes.list]);
  const form = useForm<DutyLogEntryInput>({
    resolver: zodResolver(dutyLogEntrySchema),
    defaultValues: { text: '' },
  });
  const { errors } = form.formState;
  const submit = form.handleSubmit((values) => {
    const body = correcting ? { text: values.text, correctsId: correcting.id } : values;
    add.mutate(
      { body },
      {
        onSuccess: () => {
          form.reset({ text: '' });
          onDone();
        },
        onError: (e) => applyServerError(e, form.setError, ['text', 'correctsId']),
      },
    );
  });
  return (
    <form
      noValidate
      className="desk-form"
      onSubmit={(e) => void submit(e)}
      data-testid="duty-log-entry-form"
    >
      <h3>
        {correcting ? t('dutyLog.correctTitle', { id: correcting.id }) : t('dutyLog.writeTitle')}
      </h3>
      {correcting && (
        <p className="desk-form__quote" data-testid="duty-log-correcting">
          {correcting.text}
        </p>
      )}
      <label>
        {t('dutyLog.entryText')}
        <textarea
          rows={3}
          {...form.register('text')}
          aria-invalid={errors.text ? true : undefined}
          aria-describedby="duty-log-text-error"
        />
      </label>
      <FieldIssue id="duty-log-text-error" error={errors.text} />
      <FieldIssue id="duty-log-corrects-error" error={errors.correctsId} />
      <div className="desk-form__actions">
        <button type="submit" className="button button--primary" disabled={add.isPending}>
          {correcting ? t('dutyLog.saveCorrection') : t('dutyLog.saveEntry')}
        </button>
        {correcting && (
          <button type="button" className="button" onClick={onDone}>
            {t('dutyLog.cancel')}
          </button>
        )}
      </div>
      {add.error !== null && !form.formState.errors.text && <ActionError error={add.error} />}
    </form>
  );
}

interface HandoverValues {
  toOfficer: string;
  note: string;
  /** One open item a line. */
  openItems: string;
}

function HandoverForm() {
  const { t } = useTranslation();
  const handover = useApiMutation(dutyLogRoutes.handover, [dutyLogRoutes.list]);
  const [done, setDone] = useState<string | null>(null);
  const resolve = zodResolver(handoverSchema);
  const form = useForm<HandoverValues>({
    defaultValues: { toOfficer: '', note: '', openItems: '' },
    // The shared schema validates the body this form sends (open items one per line).
    resolver: async (values, context, options) => {
      const result = await resolve(toHandover(values), context, options as never);
      return result.errors && Object.keys(result.errors).length > 0
        ? { values: {}, errors: flattenItemErrors(result.errors) }
        : { values, errors: {} };
    },
  });
  const { errors } = form.formState;
  const submit = form.handleSubmit((values) => {
    handover.mutate(
      { body: toHandover(values) },
      {
        onSuccess: (entry) => {
          form.reset();
          setDone(entry.text);
        },
        onError: (e) => applyServerError(e, form.setError, ['toOfficer', 'note', 'openItems']),
      },
    );
  });
  return (
    <form
      noValidate
      className="desk-form"
      onSubmit={(e) => void submit(e)}
      data-testid="duty-log-handover"
    >
      <h3>{t('dutyLog.handoverTitle')}</h3>
      <label>
        {t('dutyLog.toOfficer')}
        <input
          {...form.register('toOfficer')}
          aria-invalid={errors.toOfficer ? true : undefined}
          aria-describedby="handover-to-error"
        />
      </label>
      <FieldIssue id="handover-to-error" error={errors.toOfficer} />
      <label>
        {t('dutyLog.handoverNote')}
        <textarea
          rows={3}
          {...form.register('note')}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby="handover-note-error"
        />
      </label>
      <FieldIssue id="handover-note-error" error={errors.note} />
      <label>
        {t('dutyLog.openItems')}
        <textarea
          rows={3}
          {...form.register('openItems')}
          aria-invalid={errors.openItems ? true : undefined}
          aria-describedby="handover-items-error"
        />
      </label>
      <FieldIssue id="handover-items-error" error={errors.openItems} />
      <button type="submit" className="button button--primary" disabled={handover.isPending}>
        {t('dutyLog.handOver')}
      </button>
      {handover.error !== null && <ActionError error={handover.error} />}
      {done && (
        <p role="status" data-testid="duty-log-handed-over">
          {t('dutyLog.handedOver')}
        </p>
      )}
    </form>
  );
}

const toHandover = (v: HandoverValues): HandoverInput => ({
  toOfficer: v.toOfficer,
  note: v.note,
  openItems: v.openItems
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean),
});

/** `openItems.3` (one line too long) is shown at the open-items field. */
function flattenItemErrors(errors: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...errors };
  const items = errors.openItems as Record<string, unknown> | undefined;
  if (items && !('type' in items)) {
    const first = Object.values(items).find(Boolean) as { type: string; message: string };
    out.openItems = first;
  }
  return out;
}

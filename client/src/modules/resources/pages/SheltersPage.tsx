import { zodResolver } from '@hookform/resolvers/zod';
import {
  occupancyUpdateSchema,
  referenceRoutes,
  sheltersRoutes,
  shelterStatusChangeSchema,
  type ShelterProps,
} from '@sanfang/shared';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ActionError } from '../../api/components/ActionError';
import { FormField } from '../../api/components/FormField';
import { applyServerError } from '../../api/utils/fieldErrors';
import { useApiMutation, useApiQuery } from '../../data/useApiQuery';

const SHELTER_EVENTS = ['shelter.*', 'resource.*', 'resources.imported'] as const;

/** Shelters: status and occupancy of each; open, close, set occupancy, send the manager link. */
export function SheltersPage({ canOperate, canLink }: { canOperate: boolean; canLink: boolean }) {
  const { t } = useTranslation();
  const { id } = useParams();
  const shelters = useApiQuery(referenceRoutes.shelters, undefined, {
    invalidateOn: SHELTER_EVENTS,
  });
  const totals = useApiQuery(sheltersRoutes.totals, undefined, { invalidateOn: SHELTER_EVENTS });
  const rows = shelters.data?.features.map((f) => f.properties) ?? [];
  const selected = rows.find((s) => s.id === id);
  return (
    <main className="resource-page" data-testid="page-shelters">
      <h2>{t('res.shelters.title')}</h2>
      {totals.data && (
        <p data-testid="shelter-totals">
          {t('res.shelters.totals', {
            open: totals.data.district.openShelters,
            all: totals.data.district.shelters,
            sheltered: totals.data.district.sheltered,
            capacity: totals.data.district.capacity,
          })}
        </p>
      )}
      {shelters.error !== null && <ActionError error={shelters.error} />}
      <table className="resource-table">
        <caption className="visually-hidden">{t('res.shelters.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('res.code')}</th>
            <th scope="col">{t('res.name')}</th>
            <th scope="col">{t('res.status')}</th>
            <th scope="col">{t('res.shelters.occupancy')}</th>
            <th scope="col">{t('res.shelters.alarm')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr
              key={s.id}
              data-testid={`shelter-row-${s.code}`}
              aria-current={s.id === id ? 'true' : undefined}
            >
              <td>{s.code}</td>
              <td>
                <Link to={`/resources/shelters/${s.id}`}>{s.name}</Link>
              </td>
              <td data-testid="shelter-status">{t(`shelterStatuses.${s.status}`)}</td>
              <td data-testid="shelter-occupancy">
                {s.occupancy} / {s.capacity}
              </td>
              <td>{t(`shelterAlarms.${s.alarmLevel}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {selected && (
        <ShelterOperations
          key={selected.id}
          shelter={selected}
          canOperate={canOperate}
          canLink={canLink}
        />
      )}
    </main>
  );
}

function ShelterOperations({
  shelter,
  canOperate,
  canLink,
}: {
  shelter: ShelterProps;
  canOperate: boolean;
  canLink: boolean;
}) {
  const { t } = useTranslation();
  return (
    <section className="resource-detail" data-testid="shelter-detail" aria-labelledby="shelter-h">
      <h3 id="shelter-h">
        {shelter.name} ({shelter.code})
      </h3>
      <dl className="resource-facts">
        <dt>{t('res.shelters.address')}</dt>
        <dd>{shelter.address || '—'}</dd>
        <dt>{t('res.shelters.manager')}</dt>
        <dd>
          {shelter.managerName || '—'} {shelter.managerPhone}
        </dd>
        <dt>{t('res.shelters.dayNight')}</dt>
        <dd>
          {shelter.occupancyDay} / {shelter.occupancyNight}
        </dd>
      </dl>
      {canOperate && <StatusForm shelter={shelter} />}
      {canOperate && shelter.status === 'open' && <OccupancyForm shelter={shelter} />}
      {canLink && <ManagerLink shelter={shelter} />}
    </section>
  );
}

function StatusForm({ shelter }: { shelter: ShelterProps }) {
  const { t } = useTranslation();
  const opening = shelter.status === 'closed';
  const mutation = useApiMutation(opening ? sheltersRoutes.open : sheltersRoutes.close, [
    referenceRoutes.shelters,
    sheltersRoutes.totals,
  ]);
  const form = useForm({ resolver: zodResolver(shelterStatusChangeSchema) });
  const [failure, setFailure] = useState<unknown>(null);
  const submit = form.handleSubmit((body) => {
    setFailure(null);
    mutation.mutate(
      { params: { id: shelter.id }, body },
      {
        onSuccess: () => form.reset({ reason: '' }),
        onError: (e) => {
          if (!applyServerError(e, form.setError, ['reason'])) setFailure(e);
        },
      },
    );
  });
  return (
    <form
      onSubmit={(e) => void submit(e)}
      className="resource-form"
      data-testid="shelter-status-form"
      noValidate
    >
      <h4>{opening ? t('res.shelters.open') : t('res.shelters.close')}</h4>
      <FormField label={t('res.reason')} error={form.formState.errors.reason}>
        <input {...form.register('reason')} />
      </FormField>
      <button type="submit" className="button" disabled={mutation.isPending}>
        {opening ? t('res.shelters.open') : t('res.shelters.close')}
      </button>
      {failure !== null && <ActionError error={failure} />}
    </form>
  );
}

interface OccupancyValues {
  mode: 'occupancy' | 'delta';
  value: number;
  period: 'day' | 'night';
  override: boolean;
  reason: string;
}

function OccupancyForm({ shelter }: { shelter: ShelterProps }) {
  const { t } = useTranslation();
  const mutation = useApiMutation(sheltersRoutes.occupancy, [
    referenceRoutes.shelters,
    sheltersRoutes.totals,
  ]);
  const form = useForm<OccupancyValues>({
    defaultValues: { mode: 'occupancy', value: shelter.occupancy, period: 'day', override: false },
  });
  const [failure, setFailure] = useState<unknown>(null);
  const submit = form.handleSubmit((v) => {
    setFailure(null);
    const raw = {
      period: v.period,
      override: v.override,
      reason: v.reason || undefined,
      ...(v.mode === 'occupancy' ? { occupancy: v.value } : { delta: v.value }),
    };
    // The same schema the server parses with; its issues go to the fields they name.
    const parsed = occupancyUpdateSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path[0];
        const field = key === 'occupancy' || key === 'delta' ? 'value' : key;
        form.setError(field as keyof OccupancyValues, { type: issue.code });
      }
      return;
    }
    mutation.mutate(
      { params: { id: shelter.id }, body: raw },
      {
        onError: (e) => {
          const fields = ['reason', 'override', 'period', 'value'];
          const aliases = { occupancy: 'value', delta: 'value' };
          if (!applyServerError(e, form.setError, fields, aliases)) setFailure(e);
        },
      },
    );
  });
  const errors = form.formState.errors;
  return (
    <form
      onSubmit={(e) => void submit(e)}
      className="resource-form"
      data-testid="shelter-occupancy-form"
      noValidate
    >
      <h4>{t('res.shelters.setOccupancy')}</h4>
      <FormField label={t('res.shelters.mode')}>
        <select {...form.register('mode')}>
          <option value="occupancy">{t('res.shelters.modes.occupancy')}</option>
          <option value="delta">{t('res.shelters.modes.delta')}</option>
        </select>
      </FormField>
      <FormField label={t('res.shelters.people')} error={errors.value}>
        <input type="number" {...form.register('value', { valueAsNumber: true })} />
      </FormField>
      <FormField label={t('res.shelters.period')}>
        <select {...form.register('period')}>
          <option value="day">{t('res.shelters.periods.day')}</option>
          <option value="night">{t('res.shelters.periods.night')}</option>
        </select>
      </FormField>
      <FormField label={t('res.shelters.override')} error={errors.override}>
        <input type="checkbox" {...form.register('override')} />
      </FormField>
      <FormField label={t('res.reason')} error={errors.reason}>
        <input {...form.register('reason')} />
      </FormField>
      <button type="submit" className="button" disabled={mutation.isPending}>
        {t('res.save')}
      </button>
      {failure !== null && <ActionError error={failure} />}
    </form>
  );
}

function ManagerLink({ shelter }: { shelter: ShelterProps }) {
  const { t } = useTranslation();
  const mutation = useApiMutation(sheltersRoutes.managerLink);
  const url = mutation.data ? `${window.location.origin}${mutation.data.path}` : null;
  return (
    <div className="resource-form" data-testid="shelter-manager-link">
      <h4>{t('res.shelters.managerLink')}</h4>
      <button
        type="button"
        className="button"
        disabled={mutation.isPending}
        onClick={() => mutation.mutate({ params: { id: shelter.id }, body: { ttlHours: 72 } })}
      >
        {t('res.shelters.makeLink')}
      </button>
      {url && mutation.data && (
        <p>
          <a href={url} data-testid="manager-link-url">
            {url}
          </a>{' '}
          {t('res.shelters.linkExpires', {
            at: new Date(mutation.data.expiresAt).toLocaleString(),
          })}
        </p>
      )}
      {mutation.error !== null && <ActionError error={mutation.error} />}
    </div>
  );
}

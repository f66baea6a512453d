import { zodResolver } from '@hookform/resolvers/zod';
import {
  incidentsRoutes,
  referenceRoutes,
  TEAM_TRANSITIONS,
  teamPositionSchema,
  teamsRoutes,
  teamStatusChangeSchema,
  type RescueTeamProps,
} from '@sanfang/shared';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ActionError } from '../../api/components/ActionError';
import { FormField } from '../../api/components/FormField';
import { applyServerError } from '../../api/utils/fieldErrors';
import { useApiMutation, useApiQuery } from '../../data/useApiQuery';
import { LocationPicker } from '../../map/components/LocationPicker';
import { selectionHref } from '../../map/state/selectionParam';

const TEAM_EVENTS = ['team.*', 'resource.*', 'resources.imported'] as const;

/** Rescue teams: status and last position of each; set them; the nearest teams to an incident. */
export function TeamsPage({ canOperate }: { canOperate: boolean }) {
  const { t } = useTranslation();
  const { id } = useParams();
  const teams = useApiQuery(referenceRoutes.rescueTeams, undefined, { invalidateOn: TEAM_EVENTS });
  const rows = teams.data?.features.map((f) => f.properties) ?? [];
  const selected = rows.find((r) => r.id === id);
  return (
    <main className="resource-page" data-testid="page-teams">
      <h2>{t('res.teams.title')}</h2>
      {teams.error !== null && <ActionError error={teams.error} />}
      <table className="resource-table">
        <caption className="visually-hidden">{t('res.teams.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('res.code')}</th>
            <th scope="col">{t('res.name')}</th>
            <th scope="col">{t('res.teams.kind')}</th>
            <th scope="col">{t('res.teams.members')}</th>
            <th scope="col">{t('res.status')}</th>
            <th scope="col">{t('res.teams.position')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.id}
              data-testid={`team-row-${r.code}`}
              aria-current={r.id === id ? 'true' : undefined}
            >
              <td>{r.code}</td>
              <td>
                <Link to={`/resources/teams/${r.id}`}>{r.name}</Link>
              </td>
              <td>{t(`teamKinds.${r.kind}`)}</td>
              <td>{r.members}</td>
              <td data-testid="team-status">{t(`teamStatuses.${r.status}`)}</td>
              <td>
                {r.position
                  ? `${r.position[0].toFixed(5)}, ${r.position[1].toFixed(5)}${r.positionStale ? ` (${t('res.teams.stale')})` : ''}`
                  : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {selected && canOperate && <TeamForms key={selected.id} team={selected} />}
      <NearestTeams />
    </main>
  );
}

function TeamForms({ team }: { team: RescueTeamProps }) {
  const { t } = useTranslation();
  const status = useApiMutation(teamsRoutes.status, [referenceRoutes.rescueTeams]);
  const position = useApiMutation(teamsRoutes.position, [referenceRoutes.rescueTeams]);
  const statusForm = useForm({
    resolver: zodResolver(teamStatusChangeSchema),
    defaultValues: { status: team.status, reason: '' },
  });
  const positionForm = useForm({
    resolver: zodResolver(teamPositionSchema),
    defaultValues: { lon: team.position?.[0], lat: team.position?.[1] },
  });
  const [failure, setFailure] = useState<unknown>(null);
  const finite = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? n : null);
  const onStatus = statusForm.handleSubmit((body) => {
    setFailure(null);
    status.mutate(
      { params: { id: team.id }, body: { ...body, expectedStatus: team.status } },
      {
        onError: (e) => {
          if (!applyServerError(e, statusForm.setError, ['status', 'reason'])) setFailure(e);
        },
      },
    );
  });
  const onPosition = positionForm.handleSubmit((body) => {
    setFailure(null);
    position.mutate(
      { params: { id: team.id }, body },
      {
        onError: (e) => {
          if (!applyServerError(e, positionForm.setError, ['lon', 'lat'])) setFailure(e);
        },
      },
    );
  });
  return (
    <section className="resource-detail" data-testid="team-detail" aria-labelledby="team-h">
      <h3 id="team-h">
        {team.name} ({team.code})
      </h3>
      <form
        onSubmit={(e) => void onStatus(e)}
        className="resource-form"
        data-testid="team-status-form"
        noValidate
      >
        <h4>{t('res.teams.setStatus')}</h4>
        <FormField label={t('res.status')} error={statusForm.formState.errors.status}>
          <select {...statusForm.register('status')}>
            {[team.status, ...TEAM_TRANSITIONS[team.status]].map((s) => (
              <option key={s} value={s}>
                {t(`teamStatuses.${s}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t('res.reason')} error={statusForm.formState.errors.reason}>
          <input {...statusForm.register('reason')} />
        </FormField>
        <button type="submit" className="button" disabled={status.isPending}>
          {t('res.save')}
        </button>
      </form>
      <form
        onSubmit={(e) => void onPosition(e)}
        className="resource-form"
        data-testid="team-position-form"
        noValidate
      >
        <h4>{t('res.teams.setPosition')}</h4>
        <LocationPicker
          testId="team-position-picker"
          hint={t('mapPicker.teamHint')}
          lon={finite(positionForm.watch('lon'))}
          lat={finite(positionForm.watch('lat'))}
          onPick={(lon, lat) => {
            positionForm.setValue('lon', lon, { shouldDirty: true });
            positionForm.setValue('lat', lat, { shouldDirty: true });
            positionForm.clearErrors(['lon', 'lat']);
          }}
        />
        <FormField label={t('res.lon')} error={positionForm.formState.errors.lon}>
          <input
            type="number"
            step="any"
            {...positionForm.register('lon', { valueAsNumber: true })}
          />
        </FormField>
        <FormField label={t('res.lat')} error={positionForm.formState.errors.lat}>
          <input
            type="number"
            step="any"
            {...positionForm.register('lat', { valueAsNumber: true })}
          />
        </FormField>
        <button type="submit" className="button" disabled={position.isPending}>
          {t('res.save')}
        </button>
        {team.position && (
          <Link to={selectionHref({ kind: 'team', id: team.id })} data-testid="team-on-map">
            {t('mapPicker.showOnMap')}
          </Link>
        )}
      </form>
      {failure !== null && <ActionError error={failure} />}
    </section>
  );
}

function NearestTeams() {
  const { t } = useTranslation();
  const [incidentId, setIncidentId] = useState('');
  const incidents = useApiQuery(
    incidentsRoutes.list,
    { query: { open: 'true' } },
    { invalidateOn: ['incident.*'] },
  );
  const nearest = useApiQuery(
    incidentsRoutes.nearestTeams,
    { params: { id: incidentId }, query: { all: 'true' } },
    { enabled: incidentId !== '', invalidateOn: TEAM_EVENTS },
  );
  return (
    <section className="resource-detail" aria-labelledby="nearest-teams-h">
      <h3 id="nearest-teams-h">{t('res.teams.nearest')}</h3>
      <FormField label={t('res.teams.incident')}>
        <select value={incidentId} onChange={(e) => setIncidentId(e.target.value)}>
          <option value="">{t('res.teams.pickIncident')}</option>
          {incidents.data
            ?.filter((i) => i.lon !== null)
            .map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
              </option>
            ))}
        </select>
      </FormField>
      {nearest.error !== null && <ActionError error={nearest.error} />}
      {nearest.data && (
        <ol data-testid="nearest-teams">
          {nearest.data.map((n) => (
            <li key={n.id}>
              {n.name} ({n.code}) — {t('res.distanceKm', { km: (n.distanceM / 1000).toFixed(1) })} —{' '}
              {t(`teamStatuses.${n.status as RescueTeamProps['status']}`)}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

import {
  incidentsRoutes,
  referenceRoutes,
  type CreateIncident,
  type IncidentDto,
} from '@sanfang/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ActionError } from '../../api/components/ActionError';
import { FieldIssue } from '../../api/components/FieldIssue';
import { applyServerError } from '../../api/utils/fieldErrors';
import { useApiMutation, useApiQuery } from '../../data/useApiQuery';
import { formatTime } from '../../../utils/formatTime';
import { IncidentDutyList } from '../components/IncidentDutyList';
import { IncidentFacts } from '../components/IncidentFacts';
import { IncidentFields } from '../components/IncidentFields';
import { IncidentNearestTeams } from '../components/IncidentNearestTeams';
import { IncidentReports } from '../components/IncidentReports';
import { IncidentStatusActions } from '../components/IncidentStatusActions';
import {
  editBody,
  formFromIncident,
  INCIDENT_FIELDS,
  incidentResolver,
  type IncidentFormValues,
} from '../utils/incidentForm';

const EMPTY_SUBDISTRICTS = { type: 'FeatureCollection', features: [] } as const;

/**
 * One incident: facts, status, reporting duties, the nearest rescue teams, the reports it was
 * made of, the edit form and every version; `related` (composed by the shell) shows what other
 * features hold about it, e.g. leader instructions.
 */
export function IncidentPage({
  canWrite,
  related,
}: {
  canWrite: boolean;
  related?: (incidentId: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const client = useQueryClient();
  const options = useMemo(() => ({ params: { id } }), [id]);
  const live = { invalidateOn: ['incident.*'] as const };
  const incident = useApiQuery(incidentsRoutes.get, options, live);
  const duties = useApiQuery(incidentsRoutes.dutyList, options, live);
  const versions = useApiQuery(incidentsRoutes.versions, options, live);
  const subdistricts = useApiQuery(referenceRoutes.subdistricts);
  const [editing, setEditing] = useState(false);
  const refresh = () =>
    void Promise.all(
      [incidentsRoutes.get, incidentsRoutes.dutyList, incidentsRoutes.versions].map((r) =>
        client.invalidateQueries({ queryKey: [r.method, r.path] }),
      ),
    );

  if (incident.error !== null)
    return (
      <section className="desk-page" data-testid="incident-page">
        <h2>{t('incidentList.title')}</h2>
        <ActionError error={incident.error} />
      </section>
    );
  if (!incident.data)
    return (
      <section className="desk-page" data-testid="incident-page">
        <h2>{t('incidentDetails.loading')}</h2>
      </section>
    );
  const i = incident.data;

  return (
    <section className="desk-page incident-page" data-testid="incident-page">
      <h2 data-testid="incident-title">{i.title}</h2>
      <Link to="/incidents">{t('incidentForm.backToList')}</Link>
      <IncidentFacts
        incident={i}
        subdistricts={subdistricts.data ?? (EMPTY_SUBDISTRICTS as never)}
      />
      {canWrite && <IncidentStatusActions incident={i} onDone={refresh} />}
      <h3>{t('incidentDetails.duties')}</h3>
      {duties.data && (
        <IncidentDutyList
          incidentId={i.id}
          duties={duties.data}
          canAct={canWrite}
          onDone={refresh}
        />
      )}
      <IncidentNearestTeams incident={i} />
      <IncidentReports incidentId={i.id} />
      {related?.(i.id)}
      {canWrite &&
        (editing ? (
          <EditForm incident={i} onDone={() => setEditing(false)} />
        ) : (
          <button
            type="button"
            className="button"
            onClick={() => setEditing(true)}
            data-testid="incident-edit"
          >
            {t('incidentForm.edit')}
          </button>
        ))}
      <h3>{t('incidentForm.versions')}</h3>
      <table className="desk-table" data-testid="incident-versions">
        <thead>
          <tr>
            <th scope="col">{t('incidentForm.version')}</th>
            <th scope="col">{t('incidentForm.changedAt')}</th>
            <th scope="col">{t('incidentForm.changedBy')}</th>
            <th scope="col">{t('incidentForm.reason')}</th>
            <th scope="col">{t('incidentDetails.grade')}</th>
            <th scope="col">{t('incidentDetails.casualties')}</th>
            <th scope="col">{t('incidentDetails.loss')}</th>
          </tr>
        </thead>
        <tbody>
          {(versions.data ?? []).map((v) => (
            <tr key={v.version}>
              <td>{v.version}</td>
              <td>{formatTime(v.changedAt)}</td>
              <td>{v.changedBy}</td>
              <td>{v.reason}</td>
              <td>{t(`incidentGrades.${v.snapshot.grade}`)}</td>
              <td>{t('incidentDetails.casualtiesValue', { ...v.snapshot.casualties })}</td>
              <td>{t('incidentDetails.lossValue', { value: v.snapshot.directLossCny })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Corrects the facts: a new version with a reason; a stale version is refused (409). */
function EditForm({ incident: i, onDone }: { incident: IncidentDto; onDone: () => void }) {
  const { t } = useTranslation();
  const edit = useApiMutation(incidentsRoutes.edit, [
    incidentsRoutes.get,
    incidentsRoutes.versions,
    incidentsRoutes.dutyList,
    incidentsRoutes.list,
  ]);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const form = useForm<IncidentFormValues, unknown, CreateIncident>({
    resolver: incidentResolver,
    defaultValues: formFromIncident(i),
  });
  const submit = form.handleSubmit((body) => {
    if (!reason.trim()) {
      setReasonError(true);
      return;
    }
    edit.mutate(
      {
        params: { id: i.id },
        body: { expectedVersion: i.version, reason: reason.trim(), ...editBody(i, body) },
      },
      {
        onSuccess: onDone,
        onError: (e) => applyServerError(e, form.setError, INCIDENT_FIELDS),
      },
    );
  });
  return (
    <form
      noValidate
      className="desk-form"
      onSubmit={(e) => void submit(e)}
      data-testid="incident-edit-form"
    >
      <h3>{t('incidentForm.editTitle', { version: i.version })}</h3>
      <IncidentFields form={form} idPrefix="edit-incident" />
      <label>
        {t('incidentForm.reason')}
        <input
          value={reason}
          maxLength={500}
          onChange={(e) => {
            setReason(e.target.value);
            setReasonError(false);
          }}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby="edit-incident-reason-error"
          data-testid="incident-edit-reason"
        />
      </label>
      <FieldIssue
        id="edit-incident-reason-error"
        error={reasonError ? { type: 'too_small', message: '' } : undefined}
      />
      <div className="desk-form__actions">
        <button type="submit" className="button button--primary" disabled={edit.isPending}>
          {t('incidentForm.saveEdit')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('dutyLog.cancel')}
        </button>
      </div>
      {edit.error !== null && <ActionError error={edit.error} />}
    </form>
  );
}

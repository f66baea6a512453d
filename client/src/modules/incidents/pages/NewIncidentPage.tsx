import { incidentsRoutes, type CreateIncident, type IncidentPreviewDto } from '@sanfang/shared';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ActionError } from '../../api/components/ActionError';
import { applyServerError } from '../../api/utils/fieldErrors';
import { useApiMutation } from '../../data/useApiQuery';
import { formatTime } from '../../../utils/formatTime';
import { IncidentFields } from '../components/IncidentFields';
import {
  beijingLocal,
  INCIDENT_FIELDS,
  incidentResolver,
  type IncidentFormValues,
} from '../utils/incidentForm';

const EMPTY: IncidentFormValues = {
  type: 'waterlogging',
  occurredAt: '',
  title: '',
  description: '',
  location: { address: '', lon: '', lat: '' },
  casualties: { deaths: '0', seriousInjuries: '0', missing: '0', trapped: '0' },
  directLossCny: '0',
};

/**
 * An incident taken by phone: the facts, then what the server would make of them (grade,
 * reporting duties) shown before saving; saving opens it on the map and in the list.
 */
export function NewIncidentPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useForm<IncidentFormValues, unknown, CreateIncident>({
    resolver: incidentResolver,
    defaultValues: { ...EMPTY, occurredAt: beijingLocal(new Date()) },
  });
  const preview = useApiMutation(incidentsRoutes.preview);
  const create = useApiMutation(incidentsRoutes.create, [incidentsRoutes.list]);
  const [checked, setChecked] = useState<{ body: CreateIncident; p: IncidentPreviewDto } | null>(
    null,
  );
  // A change after the check needs a new check.
  useEffect(() => {
    const sub = form.watch(() => setChecked(null));
    return () => sub.unsubscribe();
  }, [form]);

  const onError = (e: unknown) => applyServerError(e, form.setError, INCIDENT_FIELDS);
  const check = form.handleSubmit((body) =>
    preview.mutate({ body }, { onSuccess: (p) => setChecked({ body, p }), onError }),
  );
  const save = () => {
    if (!checked) return;
    create.mutate(
      { body: checked.body },
      {
        onSuccess: (r) => void navigate(`/incidents/${r.incident.id}`),
        onError,
      },
    );
  };

  return (
    <section className="desk-page incident-new" data-testid="incident-new-page">
      <h2>{t('incidentForm.newTitle')}</h2>
      <Link to="/incidents">{t('incidentForm.backToList')}</Link>
      <form
        noValidate
        className="desk-form"
        onSubmit={(e) => void check(e)}
        data-testid="incident-form"
      >
        <IncidentFields form={form} idPrefix="new-incident" />
        <button type="submit" className="button" disabled={preview.isPending}>
          {t('incidentForm.check')}
        </button>
        {preview.error !== null && <ActionError error={preview.error} />}
      </form>
      {checked && (
        <div className="incident-preview" data-testid="incident-preview" aria-live="polite">
          <h3>{t('incidentForm.previewTitle')}</h3>
          <p>
            {t('incidentForm.previewGrade')}{' '}
            <strong data-testid="incident-preview-grade">
              {t(`incidentGrades.${checked.p.grade}`)}
            </strong>
          </p>
          {checked.p.duties.length === 0 ? (
            <p>{t('incidentDetails.noDuties')}</p>
          ) : (
            <ul data-testid="incident-preview-duties">
              {checked.p.duties.map((d) => (
                <li key={d.ruleCode}>
                  {d.name} · {t(`dutyTargets.${d.target}`)} ·{' '}
                  {t('incidentDetails.dueAt', { time: formatTime(d.dueAt, { date: false }) })}
                </li>
              ))}
            </ul>
          )}
          <button
            type="button"
            className="button button--primary"
            onClick={save}
            disabled={create.isPending}
            data-testid="incident-save"
          >
            {t('incidentForm.save')}
          </button>
          {create.error !== null && <ActionError error={create.error} />}
        </div>
      )}
    </section>
  );
}

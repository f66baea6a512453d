import { INCIDENT_TYPES, referenceRoutes } from '@sanfang/shared';
import type { FieldError as RhfFieldError, UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FieldIssue } from '../../api/components/FieldIssue';
import { useApiQuery } from '../../data/useApiQuery';
import type { IncidentFormValues } from '../utils/incidentForm';
import { LocationPicker } from '../../map/components/LocationPicker';

type Form = UseFormReturn<IncidentFormValues, unknown, unknown>;

const coordinate = (s: string): number | null => (s.trim() === '' ? null : Number(s));

const CASUALTIES = ['deaths', 'seriousInjuries', 'missing', 'trapped'] as const;

/** The facts of an incident as inputs, each with its error under it. */
export function IncidentFields({ form, idPrefix }: { form: Form; idPrefix: string }) {
  const { t } = useTranslation();
  const points = useApiQuery(referenceRoutes.waterloggingPoints);
  const { errors } = form.formState;
  const err = (id: string) => `${idPrefix}-${id}-error`;
  const invalid = (e: unknown) => (e ? true : undefined);
  const locationError = errors.location as (RhfFieldError & typeof errors.location) | undefined;

  const pick = (id: string) => {
    const f = points.data?.features.find((p) => p.properties.id === id);
    if (!f) return;
    const [lon, lat] = f.geometry.coordinates;
    form.setValue('location.lon', String(lon), { shouldDirty: true });
    form.setValue('location.lat', String(lat), { shouldDirty: true });
    form.setValue('location.address', f.properties.name, { shouldDirty: true });
  };

  return (
    <div className="incident-fields">
      <label>
        {t('incidentForm.type')}
        <select {...form.register('type')} aria-invalid={invalid(errors.type)}>
          {INCIDENT_TYPES.map((k) => (
            <option key={k} value={k}>
              {t(`incidentTypes.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('incidentForm.occurredAt')}
        <input
          type="datetime-local"
          {...form.register('occurredAt')}
          aria-invalid={invalid(errors.occurredAt)}
          aria-describedby={err('occurred')}
        />
      </label>
      <FieldIssue id={err('occurred')} error={errors.occurredAt} />
      <label>
        {t('incidentForm.title')}
        <input
          {...form.register('title')}
          placeholder={t('incidentForm.titleHint')}
          aria-invalid={invalid(errors.title)}
          aria-describedby={err('title')}
        />
      </label>
      <FieldIssue id={err('title')} error={errors.title} />
      <label>
        {t('incidentForm.description')}
        <textarea
          rows={3}
          {...form.register('description')}
          aria-invalid={invalid(errors.description)}
          aria-describedby={err('description')}
        />
      </label>
      <FieldIssue id={err('description')} error={errors.description} />
      <fieldset className="incident-fields__group">
        <legend>{t('incidentForm.location')}</legend>
        <label>
          {t('incidentForm.point')}
          <select
            defaultValue=""
            onChange={(e) => pick(e.target.value)}
            data-testid={`${idPrefix}-point`}
          >
            <option value="">{t('incidentForm.pointNone')}</option>
            {points.data?.features.map((p) => (
              <option key={p.properties.id} value={p.properties.id}>
                {p.properties.code} {p.properties.name}
              </option>
            ))}
          </select>
        </label>
        <LocationPicker
          hint={t('incidentForm.pickHint')}
          lon={coordinate(form.watch('location.lon'))}
          lat={coordinate(form.watch('location.lat'))}
          onPick={(lon, lat) => {
            form.setValue('location.lon', String(lon), { shouldDirty: true });
            form.setValue('location.lat', String(lat), { shouldDirty: true });
          }}
        />
        <label>
          {t('incidentForm.address')}
          <input
            {...form.register('location.address')}
            aria-invalid={invalid(errors.location?.address)}
            aria-describedby={err('address')}
          />
        </label>
        <FieldIssue id={err('address')} error={errors.location?.address} />
        <label>
          {t('incidentForm.lon')}
          <input
            inputMode="decimal"
            {...form.register('location.lon')}
            aria-invalid={invalid(errors.location?.lon)}
            aria-describedby={err('lon')}
          />
        </label>
        <FieldIssue id={err('lon')} error={errors.location?.lon} />
        <label>
          {t('incidentForm.lat')}
          <input
            inputMode="decimal"
            {...form.register('location.lat')}
            aria-invalid={invalid(errors.location?.lat)}
            aria-describedby={err('lat')}
          />
        </label>
        <FieldIssue id={err('lat')} error={errors.location?.lat} />
        <FieldIssue id={err('location')} error={locationError?.type ? locationError : undefined} />
      </fieldset>
      <fieldset className="incident-fields__group">
        <legend>{t('incidentForm.casualties')}</legend>
        {CASUALTIES.map((k) => (
          <span key={k}>
            <label>
              {t(`incidentForm.${k}`)}
              <input
                type="number"
                min={0}
                {...form.register(`casualties.${k}`)}
                aria-invalid={invalid(errors.casualties?.[k])}
                aria-describedby={err(k)}
              />
            </label>
            <FieldIssue id={err(k)} error={errors.casualties?.[k]} />
          </span>
        ))}
      </fieldset>
      <label>
        {t('incidentForm.loss')}
        <input
          type="number"
          min={0}
          {...form.register('directLossCny')}
          aria-invalid={invalid(errors.directLossCny)}
          aria-describedby={err('loss')}
        />
      </label>
      <FieldIssue id={err('loss')} error={errors.directLossCny} />
    </div>
  );
}

import {
  capSettingsRoutes,
  capSettingsSchema,
  incidentConfigRoutes,
  incidentSettingsSchema,
  RESPONSE_LEVELS,
  resourceSettingsRoutes,
  updateResourceSettingsSchema,
} from '@sanfang/shared';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../api/components/ActionError';
import { useApiMutation, useApiQuery } from '../../data/useApiQuery';
import { SchemaForm } from '../components/SchemaForm';

/** Settings admins keep: resource thresholds, CAP lifetimes, incident handling. */
export function SettingsPage() {
  const { t } = useTranslation();
  const resources = useApiQuery(resourceSettingsRoutes.get, undefined, {
    invalidateOn: ['resources.settings_changed'],
  });
  const cap = useApiQuery(capSettingsRoutes.get, undefined, {
    invalidateOn: ['cap.config_changed'],
  });
  const incidents = useApiQuery(incidentConfigRoutes.settings, undefined, {
    invalidateOn: ['incident.config_changed'],
  });
  const saveResources = useApiMutation(resourceSettingsRoutes.update, [resourceSettingsRoutes.get]);
  const saveCap = useApiMutation(capSettingsRoutes.put, [capSettingsRoutes.get]);
  const saveIncidents = useApiMutation(incidentConfigRoutes.putSettings, [
    incidentConfigRoutes.settings,
  ]);
  const loadError = resources.error ?? cap.error ?? incidents.error;
  return (
    <main className="admin-page" data-testid="page-settings">
      <h2>{t('adm.settings.title')}</h2>
      {loadError !== null && <ActionError error={loadError} />}
      {resources.data && (
        <SchemaForm
          testId="resource-settings-form"
          title={t('adm.settings.resources')}
          schema={updateResourceSettingsSchema}
          initial={resources.data}
          submitLabel={t('res.save')}
          fields={[
            { name: 'nearFullPercent', label: t('adm.settings.nearFullPercent'), kind: 'number' },
            {
              name: 'positionStaleAfterS',
              label: t('adm.settings.positionStaleAfterS'),
              kind: 'number',
            },
            {
              name: 'typhoonShelterLevel',
              label: t('adm.settings.typhoonShelterLevel'),
              kind: 'select',
              options: RESPONSE_LEVELS.map((l) => ({ value: l, label: t(`ackLevels.${l}`) })),
            },
            { name: 'suggestions', label: t('adm.settings.suggestions'), kind: 'number' },
          ]}
          onSubmit={(body) => saveResources.mutateAsync({ body: body })}
        />
      )}
      {cap.data && (
        <SchemaForm
          testId="cap-settings-form"
          title={t('adm.settings.cap')}
          schema={capSettingsSchema}
          initial={cap.data}
          submitLabel={t('res.save')}
          fields={[
            { name: 'defaultLifetimeH', label: t('adm.settings.defaultLifetimeH'), kind: 'number' },
            {
              name: 'lifetimeByHazardH',
              label: t('adm.settings.lifetimeByHazardH'),
              kind: 'map',
              hint: t('adm.settings.mapHint'),
            },
            {
              name: 'lifetimeByCategoryH',
              label: t('adm.settings.lifetimeByCategoryH'),
              kind: 'map',
              hint: t('adm.settings.mapHint'),
            },
          ]}
          onSubmit={(body) => saveCap.mutateAsync({ body: body })}
        />
      )}
      {incidents.data && (
        <SchemaForm
          testId="incident-settings-form"
          title={t('adm.settings.incidents')}
          schema={incidentSettingsSchema}
          initial={incidents.data}
          submitLabel={t('res.save')}
          fields={[
            { name: 'stormMode', label: t('adm.settings.stormMode'), kind: 'checkbox' },
            { name: 'mergeDistanceM', label: t('adm.settings.mergeDistanceM'), kind: 'number' },
            {
              name: 'mergeWindowMinutes',
              label: t('adm.settings.mergeWindowMinutes'),
              kind: 'number',
            },
            {
              name: 'sensorHysteresisM',
              label: t('adm.settings.sensorHysteresisM'),
              kind: 'number',
            },
            { name: 'reportCutoff', label: t('adm.settings.reportCutoff'), kind: 'text' },
          ]}
          onSubmit={(body) => saveIncidents.mutateAsync({ body: body as never })}
        />
      )}
    </main>
  );
}

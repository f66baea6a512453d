import {
  DUTY_TARGETS,
  DUTY_TRIGGERS,
  dutyRuleSchema,
  INCIDENT_GRADES,
  incidentConfigRoutes,
  RESPONSE_HAZARDS,
  RESPONSE_LEVELS,
  responseRuleSchema,
  responseRulesRoutes,
  SIGNAL_COLOURS,
  WARNING_HAZARDS,
  type DutyRuleDto,
  type ResponseRuleDto,
  type SignalColour,
} from '@sanfang/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../api/components/ActionError';
import { useApiMutation, useApiQuery } from '../../data/useApiQuery';
import { SchemaForm, type FieldSpec } from '../components/SchemaForm';
import { RowActions } from '../components/RowActions';

/** The warning → response suggestion table, and the incident reporting-duty rules. */
export function RulesPage() {
  const { t } = useTranslation();
  return (
    <main className="admin-page" data-testid="page-rules">
      <h2>{t('adm.rules.title')}</h2>
      <ResponseRules />
      <DutyRules />
    </main>
  );
}

function ResponseRules() {
  const { t } = useTranslation();
  const rules = useApiQuery(responseRulesRoutes.list, undefined, {
    invalidateOn: ['cap.config_changed'],
  });
  const put = useApiMutation(responseRulesRoutes.put, [responseRulesRoutes.list]);
  const remove = useApiMutation(responseRulesRoutes.remove, [responseRulesRoutes.list]);
  const [editing, setEditing] = useState<ResponseRuleDto | null>(null);
  // The warning hazard by its name, not its key; a key the console has no name for stays as is.
  const hazardName = (h: string) => t(`warnings.hazards.${h}`, { defaultValue: h });
  const colourName = (c: SignalColour) => t(`warnings.colours.${c}`).trim();
  const hazardKeys: string[] = [...WARNING_HAZARDS];
  // A stored row with a key outside the list keeps it (the server takes any hazard key).
  if (editing && !hazardKeys.includes(editing.hazard)) hazardKeys.push(editing.hazard);
  const fields: FieldSpec[] = [
    {
      name: 'hazard',
      label: t('adm.rules.hazard'),
      kind: 'select',
      options: hazardKeys.map((h) => ({ value: h, label: hazardName(h) })),
    },
    {
      name: 'colour',
      label: t('adm.rules.colour'),
      kind: 'select',
      options: SIGNAL_COLOURS.map((c) => ({ value: c, label: colourName(c) })),
    },
    {
      name: 'responseHazard',
      label: t('adm.rules.responseHazard'),
      kind: 'select',
      options: RESPONSE_HAZARDS.map((h) => ({ value: h, label: t(`ackHazards.${h}`) })),
    },
    {
      name: 'level',
      label: t('adm.rules.level'),
      kind: 'select',
      options: RESPONSE_LEVELS.map((l) => ({ value: l, label: t(`ackLevels.${l}`) })),
    },
    { name: 'autoApply', label: t('adm.rules.autoApply'), kind: 'checkbox' },
    { name: 'note', label: t('adm.rules.note'), kind: 'text' },
  ];
  return (
    <section aria-labelledby="response-rules-h">
      <h3 id="response-rules-h">{t('adm.rules.responseRules')}</h3>
      {rules.error !== null && <ActionError error={rules.error} />}
      <table className="resource-table" data-testid="response-rules">
        <caption className="visually-hidden">{t('adm.rules.responseRules')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('adm.rules.hazard')}</th>
            <th scope="col">{t('adm.rules.colour')}</th>
            <th scope="col">{t('adm.rules.responseHazard')}</th>
            <th scope="col">{t('adm.rules.level')}</th>
            <th scope="col">{t('adm.rules.autoApply')}</th>
            <th scope="col">{t('adm.rules.note')}</th>
            <th scope="col">{t('adm.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rules.data?.map((r) => (
            <tr key={r.id}>
              <td data-hazard={r.hazard}>{hazardName(r.hazard)}</td>
              <td>{colourName(r.colour)}</td>
              <td>{t(`ackHazards.${r.responseHazard}`)}</td>
              <td>{t(`ackLevels.${r.level}`)}</td>
              <td>{r.autoApply ? t('adm.yes') : t('adm.no')}</td>
              <td>{r.note}</td>
              <RowActions
                name={`${hazardName(r.hazard)} ${colourName(r.colour)}`}
                onEdit={() => setEditing(r)}
                onDelete={() => remove.mutate({ params: { id: r.id } })}
              />
            </tr>
          ))}
        </tbody>
      </table>
      {remove.error !== null && <ActionError error={remove.error} />}
      <SchemaForm
        key={editing?.id ?? 'new'}
        testId="response-rule-form"
        title={editing ? t('adm.rules.editRule') : t('adm.rules.addRule')}
        schema={responseRuleSchema}
        initial={{
          ...(editing ?? {
            hazard: 'rainstorm',
            colour: 'yellow',
            responseHazard: 'flood',
            level: 'IV',
          }),
        }}
        fields={fields}
        submitLabel={t('res.save')}
        onSubmit={(body) => put.mutateAsync({ body: body as never })}
      />
    </section>
  );
}

function DutyRules() {
  const { t } = useTranslation();
  const rules = useApiQuery(incidentConfigRoutes.rules, undefined, {
    invalidateOn: ['incident.config_changed'],
  });
  const put = useApiMutation(incidentConfigRoutes.putRule, [incidentConfigRoutes.rules]);
  const [editing, setEditing] = useState<DutyRuleDto | null>(null);
  const grades = INCIDENT_GRADES.map((g) => ({ value: g, label: t(`incidentGrades.${g}`) }));
  const fields: FieldSpec[] = [
    { name: 'name', label: t('res.name'), kind: 'text' },
    {
      name: 'trigger',
      label: t('adm.rules.trigger'),
      kind: 'select',
      options: DUTY_TRIGGERS.map((x) => ({ value: x, label: t(`adm.rules.triggers.${x}`) })),
    },
    {
      name: 'target',
      label: t('adm.rules.target'),
      kind: 'select',
      options: DUTY_TARGETS.map((x) => ({ value: x, label: t(`dutyTargets.${x}`) })),
    },
    {
      name: 'channel',
      label: t('adm.rules.channel'),
      kind: 'select',
      options: [
        { value: 'phone', label: t('adm.rules.channels.phone') },
        { value: 'written', label: t('adm.rules.channels.written') },
      ],
    },
    { name: 'minGrade', label: t('adm.rules.minGrade'), kind: 'select', options: grades },
    {
      name: 'maxGrade',
      label: t('adm.rules.maxGrade'),
      kind: 'select',
      nullable: true,
      options: [{ value: '', label: t('adm.rules.noMax') }, ...grades],
    },
    { name: 'dueAfterSeconds', label: t('adm.rules.dueAfterSeconds'), kind: 'number' },
    { name: 'escalateAfterSeconds', label: t('adm.rules.escalateAfterSeconds'), kind: 'number' },
    { name: 'active', label: t('adm.rules.active'), kind: 'checkbox' },
  ];
  return (
    <section aria-labelledby="duty-rules-h">
      <h3 id="duty-rules-h">{t('adm.rules.dutyRules')}</h3>
      {rules.error !== null && <ActionError error={rules.error} />}
      <table className="resource-table" data-testid="duty-rules">
        <caption className="visually-hidden">{t('adm.rules.dutyRules')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('res.name')}</th>
            <th scope="col">{t('adm.rules.target')}</th>
            <th scope="col">{t('adm.rules.minGrade')}</th>
            <th scope="col">{t('adm.rules.dueAfterSeconds')}</th>
            <th scope="col">{t('adm.rules.active')}</th>
            <th scope="col">{t('adm.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rules.data?.map((r) => (
            <tr key={r.code}>
              <td>{r.name}</td>
              <td>{t(`dutyTargets.${r.target}`)}</td>
              <td>{t(`incidentGrades.${r.minGrade}`)}</td>
              <td>{r.dueAfterSeconds}</td>
              <td>{r.active ? t('adm.yes') : t('adm.no')}</td>
              <td>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => setEditing(r)}
                >
                  {t('adm.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <SchemaForm
          key={editing.code}
          testId="duty-rule-form"
          title={t('adm.rules.editDutyRule', { name: editing.name })}
          schema={dutyRuleSchema}
          initial={{ ...editing }}
          fields={fields}
          submitLabel={t('res.save')}
          onSubmit={(body) =>
            put.mutateAsync({ params: { code: editing.code }, body: body as never })
          }
        />
      )}
    </section>
  );
}

import { zodResolver } from '@hookform/resolvers/zod';
import {
  callRuleSchema,
  PERSON_DUTIES,
  rosterRoutes,
  type CallRuleDto,
  type PersonDuty,
} from '@sanfang/shared';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ActionError } from '../../api/components/ActionError';
import { FieldIssue } from '../../api/components/FieldIssue';
import { FormField } from '../../api/components/FormField';
import { isApiRequestError } from '../../api/apiRequestError';
import { SERVER_ERROR } from '../../api/utils/fieldErrors';
import { useApiMutation, useApiQuery } from '../../data/useApiQuery';

/** The hazards a warning carries (the keys of `warnings.hazards`), `*` for any other. */
export const RULE_HAZARDS = [
  '*',
  'rainstorm',
  'typhoon',
  'thunderstorm_gale',
  'thunderstorm',
  'gale',
  'heat',
  'cold',
  'fog',
  'haze',
  'hail',
  'drought',
  'fire',
  'frost',
  'flood',
] as const;
const COLOURS = ['blue', 'yellow', 'orange', 'red'] as const;
const FIELDS = ['hazard', 'colour', 'duties', 'pointContacts'] as const;

type RuleForm = z.input<typeof callRuleSchema>;
const EMPTY: RuleForm = { hazard: 'rainstorm', colour: 'blue', duties: [], pointContacts: false };

/**
 * The 叫应 table (admins): for a hazard and a warning colour, which duties are called in the
 * warning's zone, and whether the points' contacts are too. Every change replaces the table
 * (`PUT /api/call-rules`); the server's refusal shows at the field of the row being edited.
 */
export function CallRulesPage() {
  const { t } = useTranslation();
  const rules = useApiQuery(rosterRoutes.rules, undefined, { invalidateOn: ['roster.changed'] });
  const save = useApiMutation(rosterRoutes.setRules, [rosterRoutes.rules]);
  // The row being edited (its index in the table), 'new' for a new row, null for none.
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm<RuleForm>({ resolver: zodResolver(callRuleSchema), defaultValues: EMPTY });
  const list = rules.data ?? [];
  const hazardName = (h: string) =>
    h === '*' ? t('lastmile.rules.anyHazard') : t(`warnings.hazards.${h}`, { defaultValue: h });

  const open = (at: number | 'new') => {
    setFailure(null);
    setEditing(at);
    form.reset(at === 'new' ? EMPTY : { ...list[at]! });
  };
  const put = (next: CallRuleDto[], at: number | null) => {
    setFailure(null);
    save.mutate(
      { body: { rules: next } },
      {
        onSuccess: () => setEditing(null),
        onError: (e) => {
          // `body.rules.<i>[.field]`: the row being edited; its own field, or the hazard (a
          // hazard and colour that appear twice).
          const m = isApiRequestError(e)
            ? /^body\.rules\.(\d+)(?:\.(\w+))?/.exec(e.path ?? '')
            : null;
          if (isApiRequestError(e) && m && at !== null && Number(m[1]) === at) {
            const field = FIELDS.find((f) => f === m[2]) ?? 'hazard';
            form.setError(field, { type: `${SERVER_ERROR}${e.code}`, message: e.message });
          } else setFailure(e);
        },
      },
    );
  };
  const onSubmit = form.handleSubmit((v) => {
    const rule = callRuleSchema.parse(v);
    if (editing === 'new') put([...list, rule], list.length);
    else if (editing !== null)
      put(
        list.map((r, i) => (i === editing ? rule : r)),
        editing,
      );
  });
  const duties = form.watch('duties') ?? [];
  const toggle = (d: PersonDuty) =>
    form.setValue(
      'duties',
      duties.includes(d)
        ? duties.filter((x) => x !== d)
        : PERSON_DUTIES.filter((x) => x === d || duties.includes(x)),
      { shouldValidate: false },
    );
  const errors = form.formState.errors;
  // A rule for a hazard key this list does not know (set through the API) stays editable.
  const current = editing !== null && editing !== 'new' ? list[editing]?.hazard : undefined;
  const hazardOptions: readonly string[] =
    current && !(RULE_HAZARDS as readonly string[]).includes(current)
      ? [...RULE_HAZARDS, current]
      : RULE_HAZARDS;

  return (
    <main className="lastmile" data-testid="call-rules">
      <h2>{t('lastmile.rules.title')}</h2>
      <p>{t('lastmile.rules.intro')}</p>
      {rules.error !== null && <ActionError error={rules.error} />}
      <table className="lastmile__table" data-testid="call-rules-table">
        <caption className="visually-hidden">{t('lastmile.rules.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('lastmile.rules.hazard')}</th>
            <th scope="col">{t('lastmile.rules.colour')}</th>
            <th scope="col">{t('lastmile.rules.duties')}</th>
            <th scope="col">{t('lastmile.rules.pointContacts')}</th>
            <th scope="col">{t('lastmile.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((r, i) => (
            <tr key={`${r.hazard}/${r.colour}`} data-testid={`rule-${r.hazard}-${r.colour}`}>
              <th scope="row">{hazardName(r.hazard)}</th>
              <td>{t(`lastmile.rules.colours.${r.colour}`)}</td>
              <td>
                {r.duties.length > 0
                  ? r.duties.map((d) => t(`lastmile.duties.${d}`)).join('、')
                  : t('lastmile.none')}
              </td>
              <td>{r.pointContacts ? t('lastmile.rules.yes') : t('lastmile.rules.no')}</td>
              <td>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => open(i)}
                  aria-label={t('lastmile.rules.editRow', {
                    hazard: hazardName(r.hazard),
                    colour: t(`lastmile.rules.colours.${r.colour}`),
                  })}
                >
                  {t('lastmile.edit')}
                </button>{' '}
                <button
                  type="button"
                  className="button button--small button--danger"
                  disabled={save.isPending}
                  data-testid="rule-remove"
                  aria-label={t('lastmile.rules.removeRow', {
                    hazard: hazardName(r.hazard),
                    colour: t(`lastmile.rules.colours.${r.colour}`),
                  })}
                  onClick={() =>
                    put(
                      list.filter((_, j) => j !== i),
                      null,
                    )
                  }
                >
                  {t('lastmile.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing === null ? (
        <button type="button" className="button" data-testid="rule-add" onClick={() => open('new')}>
          {t('lastmile.rules.add')}
        </button>
      ) : (
        <form
          className="lastmile__form"
          data-testid="rule-form"
          noValidate
          onSubmit={(e) => void onSubmit(e)}
        >
          <FormField label={t('lastmile.rules.hazard')} error={errors.hazard}>
            <select {...form.register('hazard')} data-testid="rule-hazard">
              {hazardOptions.map((h) => (
                <option key={h} value={h}>
                  {hazardName(h)}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label={t('lastmile.rules.colour')} error={errors.colour}>
            <select {...form.register('colour')} data-testid="rule-colour">
              {COLOURS.map((c) => (
                <option key={c} value={c}>
                  {t(`lastmile.rules.colours.${c}`)}
                </option>
              ))}
            </select>
          </FormField>
          <fieldset aria-describedby="rule-duties-error">
            <legend>{t('lastmile.rules.duties')}</legend>
            {PERSON_DUTIES.map((d) => (
              <label key={d}>
                <input
                  type="checkbox"
                  checked={duties.includes(d)}
                  onChange={() => toggle(d)}
                  data-testid={`rule-duty-${d}`}
                />{' '}
                {t(`lastmile.duties.${d}`)}
              </label>
            ))}
            <FieldIssue id="rule-duties-error" error={errors.duties as never} />
          </fieldset>
          <label>
            <input type="checkbox" {...form.register('pointContacts')} />{' '}
            {t('lastmile.rules.pointContacts')}
          </label>
          <button type="submit" className="button" disabled={save.isPending}>
            {editing === 'new' ? t('lastmile.add') : t('lastmile.save')}
          </button>
          <button type="button" className="button" onClick={() => setEditing(null)}>
            {t('lastmile.cancel')}
          </button>
        </form>
      )}
      {failure !== null && <ActionError error={failure} />}
    </main>
  );
}

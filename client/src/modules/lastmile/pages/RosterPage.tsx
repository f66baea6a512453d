import { zodResolver } from '@hookform/resolvers/zod';
import { PERSON_DUTIES, personInputSchema, rosterRoutes, type PersonDto } from '@sanfang/shared';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ActionError } from '../../api/components/ActionError';
import { FieldIssue } from '../../api/components/FieldIssue';
import { FormField } from '../../api/components/FormField';
import { applyServerError } from '../../api/utils/fieldErrors';
import { useApiMutation, useApiQuery } from '../../data/useApiQuery';

type PersonForm = z.input<typeof personInputSchema>;
const EMPTY: PersonForm = {
  name: '',
  phone: '',
  phone2: null,
  unitCode: '',
  subdistrictCode: '',
  duty: 'community',
  backupId: null,
  leader: false,
};
const FIELDS = [
  'name',
  'phone',
  'phone2',
  'unitCode',
  'subdistrictCode',
  'duty',
  'backupId',
  'leader',
] as const;

/** The roster of 三防 responsible persons by member unit; administrators add, edit and remove. */
export function RosterPage() {
  const { t } = useTranslation();
  const units = useApiQuery(rosterRoutes.units, undefined, { invalidateOn: ['roster.*'] });
  const [unitCode, setUnitCode] = useState('JD001');
  const [search, setSearch] = useState('');
  const query = useMemo(
    () => ({ query: { unitCode: unitCode || undefined, q: search || undefined, limit: '500' } }),
    [unitCode, search],
  );
  const persons = useApiQuery(rosterRoutes.list, query, { invalidateOn: ['roster.*'] });
  const create = useApiMutation(rosterRoutes.create, [rosterRoutes.list, rosterRoutes.units]);
  const update = useApiMutation(rosterRoutes.update, [rosterRoutes.list, rosterRoutes.units]);
  const remove = useApiMutation(rosterRoutes.remove, [rosterRoutes.list, rosterRoutes.units]);
  const [editing, setEditing] = useState<PersonDto | null>(null);
  const [backupName, setBackupName] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm<PersonForm>({
    resolver: zodResolver(personInputSchema),
    defaultValues: EMPTY,
  });
  const errors = form.formState.errors;
  const subdistricts = (units.data ?? []).filter((u) => u.kind === 'subdistrict');

  const reset = () => {
    setEditing(null);
    setBackupName(null);
    form.reset(EMPTY);
  };
  const submit = form.handleSubmit((v) => {
    setFailure(null);
    const body = personInputSchema.parse(v);
    const done = {
      onSuccess: reset,
      onError: (e: unknown) => {
        if (!applyServerError(e, form.setError, FIELDS)) setFailure(e);
      },
    };
    if (editing) update.mutate({ params: { id: editing.id }, body }, done);
    else create.mutate({ body }, done);
  });
  const edit = (p: PersonDto) => {
    setFailure(null);
    setEditing(p);
    setBackupName(p.backupName);
    form.reset({
      name: p.name,
      phone: p.phone,
      phone2: p.phone2,
      unitCode: p.unitCode,
      subdistrictCode: p.subdistrictCode,
      duty: p.duty,
      backupId: p.backupId,
      leader: p.leader,
    });
  };
  const phone2 = form.register('phone2', {
    setValueAs: (v: string | null) => (v === '' || v === null ? null : v),
  });

  return (
    <main className="lastmile" data-testid="roster">
      <h2>{t('lastmile.rosterTitle')}</h2>
      <div className="lastmile__form">
        <label>
          {t('lastmile.unit')}{' '}
          <select
            value={unitCode}
            onChange={(e) => setUnitCode(e.target.value)}
            data-testid="roster-unit"
          >
            <option value="">{t('lastmile.allUnits')}</option>
            {units.data?.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}（{u.persons}）
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('lastmile.search')}{' '}
          <input value={search} maxLength={60} onChange={(e) => setSearch(e.target.value)} />
        </label>
      </div>
      <form
        className="lastmile__form"
        onSubmit={(e) => void submit(e)}
        data-testid="person-form"
        noValidate
      >
        <FormField label={t('lastmile.name')} error={errors.name}>
          <input maxLength={60} {...form.register('name')} data-testid="person-name" />
        </FormField>
        <FormField label={t('lastmile.phone')} error={errors.phone}>
          <input maxLength={20} {...form.register('phone')} data-testid="person-phone" />
        </FormField>
        <FormField label={t('lastmile.phone2')} error={errors.phone2}>
          <input maxLength={20} {...phone2} data-testid="person-phone2" />
        </FormField>
        <FormField label={t('lastmile.unit')} error={errors.unitCode}>
          <select {...form.register('unitCode')} data-testid="person-unit">
            <option value="">{t('lastmile.choose')}</option>
            {units.data?.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t('lastmile.subdistrict')} error={errors.subdistrictCode}>
          <select {...form.register('subdistrictCode')} data-testid="person-subdistrict">
            <option value="">{t('lastmile.choose')}</option>
            {subdistricts.map((u) => (
              <option key={u.code} value={u.subdistrictCode ?? ''}>
                {u.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t('lastmile.duty')} error={errors.duty}>
          <select {...form.register('duty')}>
            {PERSON_DUTIES.map((d) => (
              <option key={d} value={d}>
                {t(`lastmile.duties.${d}`)}
              </option>
            ))}
          </select>
        </FormField>
        <BackupPicker
          selfId={editing?.id ?? null}
          name={backupName}
          error={errors.backupId}
          onPick={(p) => {
            setBackupName(p?.name ?? null);
            form.setValue('backupId', p?.id ?? null);
            form.clearErrors('backupId');
          }}
        />
        <label>
          <input type="checkbox" {...form.register('leader')} data-testid="person-leader" />{' '}
          {t('lastmile.isLeader')}
        </label>
        <button type="submit" className="button" disabled={create.isPending || update.isPending}>
          {editing ? t('lastmile.save') : t('lastmile.add')}
        </button>
        {editing && (
          <button type="button" className="button" onClick={reset}>
            {t('lastmile.cancel')}
          </button>
        )}
      </form>
      <ActionError error={failure ?? remove.error ?? persons.error} />
      {persons.data && <p>{t('lastmile.total', { count: persons.data.total })}</p>}
      <table className="lastmile__table" data-testid="roster-table">
        <thead>
          <tr>
            <th scope="col">{t('lastmile.name')}</th>
            <th scope="col">{t('lastmile.phone')}</th>
            <th scope="col">{t('lastmile.unit')}</th>
            <th scope="col">{t('lastmile.duty')}</th>
            <th scope="col">{t('lastmile.backup')}</th>
            <th scope="col">{t('lastmile.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {persons.data?.persons.map((p) => (
            <tr key={p.id} data-testid={`person-${p.phone}`}>
              <th scope="row">
                {p.name}
                {p.leader ? ` (${t('lastmile.leader')})` : ''}
              </th>
              <td>
                {p.phone}
                {p.phone2 ? ` / ${p.phone2}` : ''}
              </td>
              <td>{p.unitName}</td>
              <td>{t(`lastmile.duties.${p.duty}`)}</td>
              <td>{p.backupName ?? t('lastmile.none')}</td>
              <td>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => edit(p)}
                  data-testid="person-edit"
                >
                  {t('lastmile.edit')}
                </button>{' '}
                <button
                  type="button"
                  className="button button--small button--danger"
                  disabled={remove.isPending}
                  onClick={() => remove.mutate({ params: { id: p.id } })}
                >
                  {t('lastmile.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}

/**
 * The backup person (B角), picked from the roster by search (name or phone), never typed as an
 * id; the person being edited is not offered as their own backup.
 */
function BackupPicker({
  selfId,
  name,
  error,
  onPick,
}: {
  selfId: string | null;
  name: string | null;
  error: Parameters<typeof FieldIssue>[0]['error'];
  onPick: (p: PersonDto | null) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const term = q.trim();
  const found = useApiQuery(
    rosterRoutes.list,
    { query: { q: term, limit: '8' } },
    { enabled: term.length > 0 },
  );
  const options = (found.data?.persons ?? []).filter((p) => p.id !== selfId);
  return (
    <fieldset
      className="lastmile__backup"
      aria-describedby="backup-error"
      data-testid="backup-picker"
    >
      <legend>
        {t('lastmile.backup')}: <span data-testid="backup-name">{name ?? t('lastmile.none')}</span>
      </legend>
      <label>
        {t('lastmile.backupSearch')}{' '}
        <input
          type="search"
          value={q}
          maxLength={60}
          onChange={(e) => setQ(e.target.value)}
          data-testid="backup-search"
        />
      </label>
      {name && (
        <button type="button" className="button button--small" onClick={() => onPick(null)}>
          {t('lastmile.backupClear')}
        </button>
      )}
      {term.length > 0 && found.data && (
        <ul className="lastmile__picks" aria-label={t('lastmile.backupPick')}>
          {options.length === 0 && <li>{t('lastmile.backupNone')}</li>}
          {options.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="button button--small"
                data-testid="backup-option"
                onClick={() => (onPick(p), setQ(''))}
              >
                {p.name}（{p.unitName}，{p.phone}）
              </button>
            </li>
          ))}
        </ul>
      )}
      <FieldIssue id="backup-error" error={error} />
    </fieldset>
  );
}

import {
  PERSON_DUTIES,
  rosterRoutes,
  type PersonDto,
  type PersonDuty,
  type PersonInput,
} from '@sanfang/shared';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../api/components/ActionError';
import { useApiMutation, useApiQuery } from '../../data/useApiQuery';

const EMPTY = {
  name: '',
  phone: '',
  unitCode: '',
  subdistrictCode: '',
  duty: 'community' as PersonDuty,
};

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
  const update = useApiMutation(rosterRoutes.update, [rosterRoutes.list]);
  const remove = useApiMutation(rosterRoutes.remove, [rosterRoutes.list, rosterRoutes.units]);
  const [form, setForm] = useState(EMPTY);
  const [editing, setEditing] = useState<PersonDto | null>(null);
  const subdistricts = (units.data ?? []).filter((u) => u.kind === 'subdistrict');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: PersonInput = {
      ...form,
      phone2: editing?.phone2 ?? null,
      backupId: editing?.backupId ?? null,
      leader: editing?.leader ?? false,
    };
    const done = { onSuccess: () => (setForm(EMPTY), setEditing(null)) };
    if (editing) update.mutate({ params: { id: editing.id }, body }, done);
    else create.mutate({ body }, done);
  };
  const edit = (p: PersonDto) => {
    setEditing(p);
    setForm({
      name: p.name,
      phone: p.phone,
      unitCode: p.unitCode,
      subdistrictCode: p.subdistrictCode,
      duty: p.duty,
    });
  };
  const field = (k: keyof typeof EMPTY) => ({
    name: k,
    value: form[k],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value }),
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
      <form className="lastmile__form" onSubmit={submit} data-testid="person-form">
        <label>
          {t('lastmile.name')} <input required maxLength={60} {...field('name')} />
        </label>
        <label>
          {t('lastmile.phone')} <input required maxLength={20} {...field('phone')} />
        </label>
        <label>
          {t('lastmile.unit')}{' '}
          <select required {...field('unitCode')}>
            <option value="">{t('lastmile.choose')}</option>
            {units.data?.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('lastmile.subdistrict')}{' '}
          <select required {...field('subdistrictCode')}>
            <option value="">{t('lastmile.choose')}</option>
            {subdistricts.map((u) => (
              <option key={u.code} value={u.subdistrictCode ?? ''}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('lastmile.duty')}{' '}
          <select {...field('duty')}>
            {PERSON_DUTIES.map((d) => (
              <option key={d} value={d}>
                {t(`lastmile.duties.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button" disabled={create.isPending || update.isPending}>
          {editing ? t('lastmile.save') : t('lastmile.add')}
        </button>
        {editing && (
          <button
            type="button"
            className="button"
            onClick={() => (setEditing(null), setForm(EMPTY))}
          >
            {t('lastmile.cancel')}
          </button>
        )}
      </form>
      <ActionError error={create.error ?? update.error ?? remove.error ?? persons.error} />
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
              <td>{p.phone}</td>
              <td>{p.unitName}</td>
              <td>{t(`lastmile.duties.${p.duty}`)}</td>
              <td>{p.backupName ?? t('lastmile.none')}</td>
              <td>
                <button type="button" className="button button--small" onClick={() => edit(p)}>
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

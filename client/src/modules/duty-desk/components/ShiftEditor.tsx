import {
  ROTA_CHANGE_KINDS,
  rotaRoutes,
  type RotaChangeKind,
  type RotaPerson,
  type RotaShiftDto,
} from '@sanfang/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../api/components/ActionError';
import { useApiMutation } from '../../data/useApiQuery';
import { parsePeople, peopleText } from '../utils/rotaText';

const person = (name: string, phone: string): RotaPerson | null =>
  name.trim() || phone.trim() ? { name: name.trim(), phone: phone.trim(), username: null } : null;

/** One shift's people as a form: leader, chief, officers; the kind of change and why. */
export function ShiftEditor({ shift, onDone }: { shift: RotaShiftDto; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useApiMutation(rotaRoutes.setShift, [rotaRoutes.list, rotaRoutes.now]);
  const [f, setF] = useState({
    leaderName: shift.leader?.name ?? '',
    leaderPhone: shift.leader?.phone ?? '',
    chiefName: shift.chief?.name ?? '',
    chiefPhone: shift.chief?.phone ?? '',
    officers: peopleText(shift.officers),
    change: 'edit' as RotaChangeKind,
    note: '',
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        body: {
          startsAt: shift.startsAt,
          leader: person(f.leaderName, f.leaderPhone),
          chief: person(f.chiefName, f.chiefPhone),
          officers: parsePeople(f.officers),
          change: f.change,
          note: f.note,
        },
      },
      { onSuccess: onDone },
    );
  };
  return (
    <form className="shift-editor" onSubmit={submit} data-testid="shift-editor">
      <fieldset>
        <legend>{t('dutyDesk.rota.roles.leader')}</legend>
        <label>
          {t('dutyDesk.rota.name')}
          <input name="leaderName" value={f.leaderName} onChange={set('leaderName')} />
        </label>
        <label>
          {t('dutyDesk.rota.phone')}
          <input name="leaderPhone" value={f.leaderPhone} onChange={set('leaderPhone')} />
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('dutyDesk.rota.roles.chief')}</legend>
        <label>
          {t('dutyDesk.rota.name')}
          <input name="chiefName" value={f.chiefName} onChange={set('chiefName')} />
        </label>
        <label>
          {t('dutyDesk.rota.phone')}
          <input name="chiefPhone" value={f.chiefPhone} onChange={set('chiefPhone')} />
        </label>
      </fieldset>
      <label>
        {t('dutyDesk.rota.roles.officer')} ({t('dutyDesk.rota.officersHint')})
        <textarea name="officers" rows={3} value={f.officers} onChange={set('officers')} />
      </label>
      <label>
        {t('dutyDesk.rota.change')}
        <select name="change" value={f.change} onChange={set('change')}>
          {ROTA_CHANGE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`dutyDesk.rota.changes.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('dutyDesk.rota.note')}
        <input name="note" value={f.note} onChange={set('note')} />
      </label>
      <div className="shift-editor__actions">
        <button className="button" type="submit" disabled={save.isPending}>
          {t('dutyDesk.rota.save')}
        </button>
        <button className="button" type="button" onClick={onDone}>
          {t('dutyDesk.rota.cancel')}
        </button>
      </div>
      <ActionError error={save.error} />
    </form>
  );
}

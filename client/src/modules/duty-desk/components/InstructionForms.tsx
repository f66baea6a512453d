import {
  INSTRUCTION_CHANNELS,
  INSTRUCTION_LEVELS,
  instructionsRoutes,
  INSTRUCTION_UNIT_KINDS,
  type InstructionUnitKind,
} from '@sanfang/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../api/components/ActionError';
import { isApiRequestError } from '../../api/apiRequestError';
import { SERVER_ERROR } from '../../api/utils/fieldErrors';
import { useApiMutation } from '../../data/useApiQuery';
import { ConcernPicker, type Concern } from './ConcernPicker';

/** `datetime-local` (read as Beijing time) → ISO with +08:00. */
const beijing = (local: string): string => `${local.length === 16 ? `${local}:00` : local}+08:00`;
const nowLocal = (offsetMin = 0): string =>
  new Date(Date.now() + 8 * 3_600_000 + offsetMin * 60_000).toISOString().slice(0, 16);
const invalidates = [instructionsRoutes.list, instructionsRoutes.get];

/** 登记批示: from whom, when and how it came, the text, and what it concerns (if anything). */
export function RegisterInstructionForm({ concerns: initial = null }: { concerns?: Concern }) {
  const { t } = useTranslation();
  const m = useApiMutation(instructionsRoutes.register, invalidates);
  const empty = {
    fromName: '',
    fromTitle: '',
    fromLevel: 'district' as (typeof INSTRUCTION_LEVELS)[number],
    receivedVia: 'phone' as (typeof INSTRUCTION_CHANNELS)[number],
    receivedAt: nowLocal(),
    text: '',
  };
  const [f, setF] = useState(empty);
  const [concerns, setConcerns] = useState<Concern>(initial);
  const [pickerKey, setPickerKey] = useState(0);
  const concernsError =
    isApiRequestError(m.error) && m.error.path?.startsWith('body.concerns')
      ? { type: `${SERVER_ERROR}${m.error.code}`, message: m.error.message }
      : undefined;
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    m.mutate(
      { body: { ...f, receivedAt: beijing(f.receivedAt), concerns } },
      {
        onSuccess: () => {
          setF({ ...empty, receivedAt: nowLocal() });
          setConcerns(null);
          setPickerKey((k) => k + 1);
        },
      },
    );
  };
  return (
    <form className="instruction-form" onSubmit={submit} data-testid="instruction-register">
      <h3>{t('dutyDesk.instructions.register')}</h3>
      <label>
        {t('dutyDesk.instructions.fromName')}
        <input name="fromName" required value={f.fromName} onChange={set('fromName')} />
      </label>
      <label>
        {t('dutyDesk.instructions.fromTitle')}
        <input name="fromTitle" required value={f.fromTitle} onChange={set('fromTitle')} />
      </label>
      <label>
        {t('dutyDesk.instructions.fromLevel')}
        <select name="fromLevel" value={f.fromLevel} onChange={set('fromLevel')}>
          {INSTRUCTION_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`dutyDesk.instructions.levels.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('dutyDesk.instructions.receivedVia')}
        <select name="receivedVia" value={f.receivedVia} onChange={set('receivedVia')}>
          {INSTRUCTION_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`dutyDesk.instructions.channels.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('dutyDesk.instructions.receivedAt')}
        <input
          name="receivedAt"
          type="datetime-local"
          value={f.receivedAt}
          onChange={set('receivedAt')}
        />
      </label>
      <label>
        {t('dutyDesk.instructions.text')}
        <textarea name="text" required rows={3} value={f.text} onChange={set('text')} />
      </label>
      <ConcernPicker
        key={pickerKey}
        value={concerns}
        onChange={setConcerns}
        error={concernsError}
      />
      <button className="button" type="submit" disabled={m.isPending}>
        {t('dutyDesk.instructions.submit')}
      </button>
      {!concernsError && <ActionError error={m.error} />}
    </form>
  );
}

/** 交办: units (name/phone per line) of one kind, with one feedback deadline. */
export function AssignForm({ id }: { id: string }) {
  const { t } = useTranslation();
  const m = useApiMutation(instructionsRoutes.assign, invalidates);
  const [units, setUnits] = useState('');
  const [kind, setKind] = useState<InstructionUnitKind>('member_unit');
  const [deadline, setDeadline] = useState(() => nowLocal(60));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const list = units
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        const [name = '', phone = ''] = l.split('/').map((x) => x.trim());
        return { name, phone, kind };
      });
    m.mutate(
      { params: { id }, body: { units: list, deadline: beijing(deadline) } },
      { onSuccess: () => setUnits('') },
    );
  };
  return (
    <form className="instruction-form" onSubmit={submit} data-testid="instruction-assign">
      <label>
        {t('dutyDesk.instructions.units')}
        <textarea
          name="units"
          required
          rows={3}
          value={units}
          onChange={(e) => setUnits(e.target.value)}
        />
      </label>
      <label>
        {t('dutyDesk.instructions.unitKind')}
        <select
          name="unitKind"
          value={kind}
          onChange={(e) => setKind(e.target.value as InstructionUnitKind)}
        >
          {INSTRUCTION_UNIT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`dutyDesk.instructions.unitKinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('dutyDesk.instructions.deadline')}
        <input
          name="deadline"
          type="datetime-local"
          value={deadline}
          onChange={(e) => setDeadline(e.target.value)}
        />
      </label>
      <button className="button" type="submit" disabled={m.isPending}>
        {t('dutyDesk.instructions.assign')}
      </button>
      <ActionError error={m.error} />
    </form>
  );
}

/** 电话反馈: the officer records what a unit said on the phone, as given. */
export function PhoneAnswerForm({ id, assignmentId }: { id: string; assignmentId: string }) {
  const { t } = useTranslation();
  const m = useApiMutation(instructionsRoutes.answerByPhone, invalidates);
  const [f, setF] = useState({ text: '', answeredBy: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    m.mutate({ params: { id, assignmentId }, body: f });
  };
  return (
    <form
      className="instruction-form instruction-form--inline"
      onSubmit={submit}
      data-testid={`phone-answer-${assignmentId}`}
    >
      <label>
        {t('dutyDesk.instructions.answeredBy')}
        <input
          name="answeredBy"
          required
          value={f.answeredBy}
          onChange={(e) => setF({ ...f, answeredBy: e.target.value })}
        />
      </label>
      <label>
        {t('dutyDesk.instructions.answer')}
        <input
          name="text"
          required
          value={f.text}
          onChange={(e) => setF({ ...f, text: e.target.value })}
        />
      </label>
      <button className="button" type="submit" disabled={m.isPending}>
        {t('dutyDesk.instructions.answerByPhone')}
      </button>
      <ActionError error={m.error} />
    </form>
  );
}

/** 办结: a commander or admin closes with a summary. */
export function CloseForm({ id }: { id: string }) {
  const { t } = useTranslation();
  const m = useApiMutation(instructionsRoutes.close, invalidates);
  const [summary, setSummary] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    m.mutate({ params: { id }, body: { summary } });
  };
  return (
    <form className="instruction-form" onSubmit={submit} data-testid="instruction-close">
      <label>
        {t('dutyDesk.instructions.summary')}
        <textarea
          name="summary"
          required
          rows={2}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
        />
      </label>
      <button className="button" type="submit" disabled={m.isPending}>
        {t('dutyDesk.instructions.close')}
      </button>
      <ActionError error={m.error} />
    </form>
  );
}

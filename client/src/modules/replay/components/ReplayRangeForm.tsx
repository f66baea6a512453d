import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  fromLocalInput,
  MAX_RANGE_MS,
  toLocalInput,
  type ReplayRange,
} from '../../../utils/replayParam';

type Issue = 'missing' | 'order' | 'tooLong';

function check(from: number | null, to: number | null): Issue | null {
  if (from === null || to === null) return 'missing';
  if (to <= from) return 'order';
  if (to - from > MAX_RANGE_MS) return 'tooLong';
  return null;
}

/** From..to in Beijing time; submitting opens the replay of that range. */
export function ReplayRangeForm({
  range,
  onOpen,
}: {
  /** The range shown now (prefills the inputs). */
  range: ReplayRange | null;
  onOpen: (range: ReplayRange) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [from, setFrom] = useState(range ? toLocalInput(range.from) : '');
  const [to, setTo] = useState(range ? toLocalInput(range.to) : '');
  const [issue, setIssue] = useState<Issue | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const a = fromLocalInput(from);
    const b = fromLocalInput(to);
    const problem = check(a, b);
    setIssue(problem);
    if (!problem && a !== null && b !== null) onOpen({ from: a, to: b });
  };
  return (
    <form
      className="replay-range"
      onSubmit={submit}
      aria-label={t('replay.range.label')}
      noValidate
      data-testid="replay-range"
    >
      <label htmlFor={`${id}-from`}>{t('replay.range.from')}</label>
      <input
        id={`${id}-from`}
        type="datetime-local"
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        aria-invalid={issue === 'missing' && fromLocalInput(from) === null}
        data-testid="replay-from"
      />
      <label htmlFor={`${id}-to`}>{t('replay.range.to')}</label>
      <input
        id={`${id}-to`}
        type="datetime-local"
        value={to}
        onChange={(e) => setTo(e.target.value)}
        aria-invalid={issue !== null && issue !== 'missing'}
        aria-describedby={issue ? `${id}-issue` : undefined}
        data-testid="replay-to"
      />
      <span className="replay-range__zone">{t('replay.range.zone')}</span>
      <button type="submit" className="button" data-testid="replay-open">
        {t('replay.range.open')}
      </button>
      {issue && (
        <p
          id={`${id}-issue`}
          className="form-field__error"
          role="alert"
          data-testid="replay-range-issue"
        >
          {t(`replay.range.issues.${issue}`)}
        </p>
      )}
    </form>
  );
}

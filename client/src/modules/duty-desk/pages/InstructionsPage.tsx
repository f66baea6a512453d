import {
  instructionsRoutes,
  type AssignmentDto,
  type InstructionDto,
  type Role,
} from '@sanfang/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useNow } from '../../../hooks/useNow';
import { formatDuration } from '../../../utils/formatDuration';
import { formatTime } from '../../../utils/formatTime';
import { ActionError } from '../../api/components/ActionError';
import { useApiQuery } from '../../data/useApiQuery';
import {
  AssignForm,
  CloseForm,
  PhoneAnswerForm,
  RegisterInstructionForm,
} from '../components/InstructionForms';
import type { Concern } from '../components/ConcernPicker';
import { InstructionHistory } from '../components/InstructionHistory';

function UnitRow({
  a,
  now,
  canAnswer,
  instructionId,
}: {
  a: AssignmentDto;
  now: number;
  canAnswer: boolean;
  instructionId: string;
}) {
  const { t } = useTranslation();
  const left = Math.round((Date.parse(a.deadline) - now) / 1000);
  return (
    <tr
      className={`unit unit--${a.status}`}
      data-testid={`unit-${a.unitName}`}
      data-status={a.status}
    >
      <th scope="row">
        {a.unitName}
        <span className="unit__kind"> · {t(`dutyDesk.instructions.unitKinds.${a.unitKind}`)}</span>
      </th>
      <td>{t(`dutyDesk.instructions.unitStatuses.${a.status}`)}</td>
      <td className="unit__countdown">
        {a.status === 'answered'
          ? a.answeredAt && formatTime(a.answeredAt)
          : left >= 0
            ? t('dutyDesk.instructions.dueIn', { time: formatDuration(left) })
            : t('dutyDesk.instructions.overdueBy', { time: formatDuration(-left) })}
        {a.escalatedTo.length > 0 && (
          <div>{t('dutyDesk.instructions.escalatedTo', { names: a.escalatedTo.join('、') })}</div>
        )}
      </td>
      <td>
        {a.answerText ? (
          <span>
            {a.answerText}（{a.answeredBy}，
            {a.answeredVia && t(`dutyDesk.instructions.via.${a.answeredVia}`)}）
          </span>
        ) : (
          <>
            <a href={a.link} className="unit__link">
              {t('dutyDesk.instructions.copyLink')}
            </a>
            {canAnswer && <PhoneAnswerForm id={instructionId} assignmentId={a.id} />}
          </>
        )}
      </td>
    </tr>
  );
}

function InstructionCard({
  i,
  role,
  now,
  target,
}: {
  i: InstructionDto;
  role: Role;
  now: number;
  target: boolean;
}) {
  const { t } = useTranslation();
  const open = i.status !== 'closed';
  const ref = useRef<HTMLElement>(null);
  const [showHistory, setShowHistory] = useState(target);
  useEffect(() => {
    if (target) ref.current?.scrollIntoView?.({ block: 'start' });
  }, [target]);
  return (
    <article
      ref={ref}
      id={`instruction-${i.id}`}
      className={`instruction instruction--${i.status}${target ? ' instruction--target' : ''}`}
      data-testid="instruction"
      data-status={i.status}
      aria-current={target ? 'true' : undefined}
    >
      <header>
        <h3>
          {i.fromTitle} {i.fromName}（{t(`dutyDesk.instructions.levels.${i.fromLevel}`)}）
        </h3>
        <span className="instruction__status">
          {t(`dutyDesk.instructions.statuses.${i.status}`)}
        </span>
        <span>
          {formatTime(i.receivedAt)} · {t(`dutyDesk.instructions.channels.${i.receivedVia}`)}
        </span>
      </header>
      <p className="instruction__text">{i.text}</p>
      {i.concerns && (
        <p className="instruction__concerns" data-testid="instruction-concerns">
          {t('dutyDesk.concerns.about', {
            kind: t(`dutyDesk.concerns.kinds.${i.concerns.kind}`),
          })}
          {i.concerns.kind === 'incident' && (
            <>
              {' '}
              <Link to={`/incidents/${i.concerns.id}`}>{t('dutyDesk.concerns.openIncident')}</Link>
            </>
          )}
        </p>
      )}
      {i.assignments.length > 0 && (
        <table className="instruction__units">
          <tbody>
            {i.assignments.map((a) => (
              <UnitRow
                key={a.id}
                a={a}
                now={now}
                canAnswer={open && role === 'duty_officer'}
                instructionId={i.id}
              />
            ))}
          </tbody>
        </table>
      )}
      {i.closedAt && (
        <p>
          {t('dutyDesk.instructions.closedBy', { by: i.closedBy, at: formatTime(i.closedAt) })}：
          {i.closingSummary}
        </p>
      )}
      <details open={showHistory} onToggle={(e) => setShowHistory(e.currentTarget.open)}>
        <summary>{t('dutyDesk.history.title')}</summary>
        {showHistory && <InstructionHistory id={i.id} />}
      </details>
      {open && role === 'duty_officer' && <AssignForm id={i.id} />}
      {open && (role === 'commander' || role === 'admin') && <CloseForm id={i.id} />}
    </article>
  );
}

/** 领导批示: the open instructions with per-unit state and countdowns; register, assign, answer, close. */
export function InstructionsPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  // A deep link names one instruction (`?id=`, open or closed) or what a new one concerns
  // (`?concerns=incident:<id>`, from the incident page).
  const target = search.get('id');
  const [kind, concernsId] = (search.get('concerns') ?? '').split(':');
  const concerns: Concern =
    (kind === 'incident' || kind === 'warning' || kind === 'response') && concernsId
      ? { kind, id: concernsId }
      : null;
  const [all, setAll] = useState(target !== null);
  const options = useMemo(() => ({ query: { status: all ? 'all' : 'open' } as const }), [all]);
  const list = useApiQuery(instructionsRoutes.list, options, { invalidateOn: ['instruction.*'] });
  const now = useNow(1000);
  return (
    <main className="instructions" data-testid="instructions-page">
      <h2>{t('dutyDesk.instructions.title')}</h2>
      <label>
        <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />{' '}
        {t('dutyDesk.instructions.showClosed')}
      </label>
      {role === 'duty_officer' && <RegisterInstructionForm concerns={concerns} />}
      <ActionError error={list.error} />
      {list.data?.length === 0 && <p>{t('dutyDesk.instructions.empty')}</p>}
      {list.data?.map((i) => (
        <InstructionCard key={i.id} i={i} role={role} now={now} target={i.id === target} />
      ))}
    </main>
  );
}

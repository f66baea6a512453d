import { instructionsRoutes, type InstructionDto } from '@sanfang/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatTime } from '../../../utils/formatTime';
import { ActionError } from '../../api/components/ActionError';
import { useApiQuery } from '../../data/useApiQuery';
import { InstructionHistory } from './InstructionHistory';

/** The deep link to one instruction in the instructions panel. */
export const instructionLink = (id: string): string => `/duty-desk/instructions?id=${id}`;

function Item({ i }: { i: InstructionDto }) {
  const { t } = useTranslation();
  return (
    <li
      className={`instruction instruction--${i.status}`}
      data-testid="concerning-instruction"
      data-status={i.status}
    >
      <header>
        <h4>
          <Link to={instructionLink(i.id)}>
            {i.fromTitle} {i.fromName}（{formatTime(i.receivedAt)}）
          </Link>
        </h4>
        <span className="instruction__status">
          {t(`dutyDesk.instructions.statuses.${i.status}`)}
        </span>
      </header>
      <p className="instruction__text">{i.text}</p>
      {i.assignments.length > 0 && (
        <table className="instruction__units">
          <caption className="visually-hidden">{t('dutyDesk.concerns.units')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dutyDesk.concerns.unit')}</th>
              <th scope="col">{t('dutyDesk.concerns.state')}</th>
              <th scope="col">{t('dutyDesk.instructions.answer')}</th>
            </tr>
          </thead>
          <tbody>
            {i.assignments.map((a) => (
              <tr key={a.id} data-testid={`concerning-unit-${a.unitName}`} data-status={a.status}>
                <th scope="row">{a.unitName}</th>
                <td>{t(`dutyDesk.instructions.unitStatuses.${a.status}`)}</td>
                <td>{a.answerText ? `${a.answerText}（${a.answeredBy}）` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <InstructionHistory id={i.id} />
    </li>
  );
}

/**
 * 领导批示 about one incident, warning or response: each with its state, its units and its whole
 * history, kept live by the instruction events; each links to the instruction in its panel.
 */
export function ConcerningInstructions({
  concernsId,
  collapsed = false,
  register,
}: {
  concernsId: string;
  /** A duty officer's link to register a new instruction concerning this one. */
  register?: NonNullable<InstructionDto['concerns']>['kind'];
  /** In a narrow card (a response in the console's panel): folded under a count. */
  collapsed?: boolean;
}) {
  const { t } = useTranslation();
  const options = useMemo(() => ({ query: { status: 'all' as const, concernsId } }), [concernsId]);
  const list = useApiQuery(instructionsRoutes.list, options, { invalidateOn: ['instruction.*'] });
  const body = (
    <>
      <ActionError error={list.error} />
      {list.data?.length === 0 && <p>{t('dutyDesk.concerns.noInstructions')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="concerning-instructions__list">
          {list.data.map((i) => (
            <Item key={i.id} i={i} />
          ))}
        </ul>
      )}
    </>
  );
  if (collapsed)
    return (
      <details className="concerning-instructions" data-testid="concerning-instructions">
        <summary>
          {t('dutyDesk.concerns.instructionsCount', { count: list.data?.length ?? 0 })}
        </summary>
        {body}
      </details>
    );
  return (
    <section className="concerning-instructions" data-testid="concerning-instructions">
      <h3>{t('dutyDesk.concerns.instructions')}</h3>
      {register && (
        <Link
          to={`/duty-desk/instructions?concerns=${register}:${concernsId}`}
          data-testid="register-concerning"
        >
          {t('dutyDesk.concerns.registerAbout')}
        </Link>
      )}
      {body}
    </section>
  );
}

import { TEAM_KINDS, type EventEnvelope, type NearbyTeamDto, type TeamKind } from '@sanfang/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../utils/formatTime';
import { ActionError } from '../../api/components/ActionError';
import { useSession } from '../../auth/state/useSession';
import { useAction } from '../../api/hooks/useAction';
import { useLiveState } from '../../live/hooks/useLive';
import { assignTeam } from '../api/incidentsApi';
import type { Loaded } from '../hooks/useIncidentDetails';

interface NearbyTeamListProps {
  incidentId: string;
  teams: Loaded<NearbyTeamDto[]>;
  /** The role may assign and the incident is still open. */
  canAssign: boolean;
  onDone: () => void;
}

const isTeamKind = (kind: string): kind is TeamKind => TEAM_KINDS.some((k) => k === kind);

type Assigned = Extract<EventEnvelope, { type: 'incident.team_assigned' }>;

/** Nearest standby teams (one click assigns), and the teams assigned to it in the live log. */
export function NearbyTeamList({ incidentId, teams, canAssign, onDone }: NearbyTeamListProps) {
  const { t } = useTranslation();
  const token = useSession().accessToken;
  const { recent } = useLiveState();
  const { pending, failure, run } = useAction();
  const assigned = useMemo(
    () =>
      recent.filter(
        (e): e is Assigned =>
          e.type === 'incident.team_assigned' && e.payload.incidentId === incidentId,
      ),
    [recent, incidentId],
  );
  const km = (m: number) => (m / 1000).toFixed(1);

  return (
    <>
      {assigned.length > 0 && (
        <>
          <h3>{t('incidentDetails.assigned')}</h3>
          <ul className="team-list" data-testid="incident-assigned-teams">
            {assigned.map((e) => (
              <li key={e.seq} data-team-id={e.payload.teamId}>
                <strong>{e.payload.teamName}</strong>{' '}
                {e.payload.distanceM !== null &&
                  t('incidentDetails.distance', { km: km(e.payload.distanceM) })}{' '}
                <time dateTime={e.occurredAt}>{formatTime(e.occurredAt, { date: false })}</time>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('incidentDetails.teams')}</h3>
      {teams.status === 'loading' && <p className="details-panel__empty">{t('details.loading')}</p>}
      {teams.status === 'failed' && (
        <>
          <p className="details-panel__empty">{t('incidentDetails.teamsFailed')}</p>
          <ActionError error={teams.error} />
        </>
      )}
      {teams.status === 'ready' &&
        (teams.value.length === 0 ? (
          <p className="details-panel__empty">{t('incidentDetails.noTeams')}</p>
        ) : (
          <ul className="team-list" data-testid="incident-nearest-teams">
            {teams.value.map((team) => (
              <li key={team.id} data-team-id={team.id}>
                <div className="team-list__what">
                  <strong>{team.name}</strong>{' '}
                  <span className="team-list__meta">
                    {isTeamKind(team.kind) ? t(`teamKinds.${team.kind}`) : team.kind} ·{' '}
                    {t('incidentDetails.members', { count: team.members })} ·{' '}
                    {t('incidentDetails.distance', { km: km(team.distanceM) })}
                  </span>
                </div>
                {canAssign && (
                  <button
                    type="button"
                    className="button button--small"
                    disabled={pending !== null}
                    data-assign-team={team.id}
                    onClick={() =>
                      run(team.id, () => assignTeam(token, incidentId, team.id), onDone)
                    }
                  >
                    {t('incidentDetails.assign')}
                  </button>
                )}
                {failure?.key === team.id && <ActionError error={failure.error} />}
              </li>
            ))}
          </ul>
        ))}
    </>
  );
}

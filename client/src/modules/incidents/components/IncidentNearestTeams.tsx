import { incidentsRoutes, TEAM_STATUSES, type IncidentDto, type TeamStatus } from '@sanfang/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ActionError } from '../../api/components/ActionError';
import { useApiQuery } from '../../data/useApiQuery';
import { selectionHref } from '../../map/state/selectionParam';

/** A team moving, changing status, or imported; the incident moving or assigning one. */
const NEAREST_EVENTS = [
  'team.*',
  'resource.*',
  'resources.imported',
  'incident.updated',
  'incident.team_assigned',
] as const;
const LIMIT = 10;

const isTeamStatus = (s: string): s is TeamStatus => TEAM_STATUSES.some((x) => x === s);

/**
 * The rescue teams nearest the incident, standby ones first (then the busy ones), each with its
 * status and distance and a link that selects it on the district map (`?select=team:<id>`).
 */
export function IncidentNearestTeams({ incident }: { incident: IncidentDto }) {
  const { t } = useTranslation();
  const located = incident.lon !== null && incident.lat !== null;
  const options = useMemo(
    () => ({ params: { id: incident.id }, query: { all: 'true' as const, limit: LIMIT } }),
    [incident.id],
  );
  const teams = useApiQuery(incidentsRoutes.nearestTeams, options, {
    enabled: located,
    invalidateOn: NEAREST_EVENTS,
  });
  const km = (m: number) => (m / 1000).toFixed(1);
  return (
    <>
      <h3 id="incident-teams-h">{t('incidentPage.nearestTeams')}</h3>
      {!located && <p className="details-panel__empty">{t('incidentPage.noLocation')}</p>}
      {teams.error !== null && <ActionError error={teams.error} />}
      {teams.data?.length === 0 && (
        <p className="details-panel__empty">{t('incidentPage.noTeams')}</p>
      )}
      {teams.data && teams.data.length > 0 && (
        <table
          className="desk-table"
          aria-labelledby="incident-teams-h"
          data-testid="incident-page-teams"
        >
          <thead>
            <tr>
              <th scope="col">{t('res.name')}</th>
              <th scope="col">{t('res.status')}</th>
              <th scope="col">{t('incidentPage.distance')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('incidentPage.onMap')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {teams.data.map((team) => (
              <tr key={team.id} data-team-id={team.id} data-status={team.status}>
                <td>
                  {team.name} <span className="dispatch-row__code">{team.code}</span>
                </td>
                <td>
                  {isTeamStatus(team.status) ? t(`teamStatuses.${team.status}`) : team.status}
                </td>
                <td>{t('incidentDetails.distance', { km: km(team.distanceM) })}</td>
                <td>
                  <Link
                    className="button button--small"
                    to={selectionHref({ kind: 'team', id: team.id })}
                    data-select-team={team.id}
                  >
                    {t('incidentPage.onMap')}
                    <span className="visually-hidden"> {team.name}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

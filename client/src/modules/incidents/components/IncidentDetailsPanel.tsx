import type { IncidentDto, SubdistrictCollection } from '@sanfang/shared';
import { useTranslation } from 'react-i18next';
import { useReplaying } from '../../../hooks/useNow';
import { useSession } from '../../auth/state/useSession';
import { ActionError } from '../../api/components/ActionError';
import { DetailsPanel } from '../../map/components/DetailsPanel';
import { useIncidentDetails } from '../hooks/useIncidentDetails';
import { canActOnIncidents, newerIncident } from '../utils/incidentActions';
import { IncidentDutyList } from './IncidentDutyList';
import { IncidentFacts } from './IncidentFacts';
import { IncidentStatusActions } from './IncidentStatusActions';
import { NearbyTeamList } from './NearbyTeamList';

interface IncidentDetailsPanelProps {
  incidentId: string;
  /** The copy the map already has (live events), shown until the API's arrives. */
  known: IncidentDto | undefined;
  subdistricts: SubdistrictCollection;
  onClose: () => void;
}

/** A clicked incident: facts, reporting deadlines, nearest teams, and what the role may do. */
export function IncidentDetailsPanel({
  incidentId,
  known,
  subdistricts,
  onClose,
}: IncidentDetailsPanelProps) {
  const { t } = useTranslation();
  const { accessToken: token, user } = useSession();
  const role = user.role;
  const details = useIncidentDetails(token, incidentId);
  const fetched = details.incident.status === 'ready' ? details.incident.value : undefined;
  // A replayed console shows the incident as it was then, and never acts.
  const replaying = useReplaying();
  const incident = replaying ? (known ?? fetched) : newerIncident(known, fetched);
  const canAct = canActOnIncidents(role) && !replaying;

  if (!incident)
    return (
      <DetailsPanel kind="incident" title={t('incidentDetails.loading')} onClose={onClose}>
        {details.incident.status === 'failed' && <ActionError error={details.incident.error} />}
      </DetailsPanel>
    );
  const open = incident.status !== 'resolved' && incident.status !== 'closed';
  return (
    <DetailsPanel kind="incident" title={incident.title} onClose={onClose}>
      <IncidentFacts incident={incident} subdistricts={subdistricts} />
      <h3>{t('incidentDetails.actions')}</h3>
      {canAct ? (
        <IncidentStatusActions
          incident={incident}
          onDone={() => details.refresh('incident', 'duties')}
        />
      ) : (
        <p className="details-panel__empty" data-testid="incident-read-only">
          {t('incidentDetails.readOnly')}
        </p>
      )}
      <h3>{t('incidentDetails.duties')}</h3>
      {details.duties.status === 'ready' ? (
        <IncidentDutyList
          incidentId={incident.id}
          duties={details.duties.value}
          canAct={canAct}
          onDone={() => details.refresh('duties')}
        />
      ) : details.duties.status === 'failed' ? (
        <ActionError error={details.duties.error} />
      ) : (
        <p className="details-panel__empty">{t('details.loading')}</p>
      )}
      <NearbyTeamList
        incidentId={incident.id}
        teams={details.teams}
        canAssign={canAct && open}
        onDone={() => details.refresh('teams')}
      />
    </DetailsPanel>
  );
}

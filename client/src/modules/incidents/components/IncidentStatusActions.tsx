import type { IncidentDto } from '@sanfang/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../api/components/ActionError';
import { useSession } from '../../auth/state/useSession';
import { useAction } from '../../api/hooks/useAction';
import { changeIncidentStatus } from '../api/incidentsApi';
import { laterStatuses } from '../utils/incidentActions';

interface IncidentStatusActionsProps {
  incident: IncidentDto;
  onDone: () => void;
}

/** Moves the incident forward (the server refuses going back); an optional note goes with it. */
export function IncidentStatusActions({ incident, onDone }: IncidentStatusActionsProps) {
  const { t } = useTranslation();
  const token = useSession().accessToken;
  const [note, setNote] = useState('');
  const { pending, failure, run } = useAction();
  const next = laterStatuses(incident.status);
  if (next.length === 0) return null;
  return (
    <div className="incident-actions" data-testid="incident-status-actions">
      <input
        type="text"
        value={note}
        placeholder={t('incidentDetails.note')}
        aria-label={t('incidentDetails.note')}
        onChange={(e) => setNote(e.target.value)}
      />
      <div className="incident-actions__buttons">
        {next.map((to) => (
          <button
            key={to}
            type="button"
            className={`button button--small${to === next[0] ? ' button--primary' : ''}`}
            disabled={pending !== null}
            data-status-to={to}
            onClick={() =>
              run(
                to,
                () => changeIncidentStatus(token, incident.id, to, note.trim()),
                () => {
                  setNote('');
                  onDone();
                },
              )
            }
          >
            {t(`incidentDetails.moveTo.${to}`)}
          </button>
        ))}
      </div>
      <ActionError error={failure?.error} />
    </div>
  );
}

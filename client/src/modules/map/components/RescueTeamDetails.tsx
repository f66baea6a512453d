import { useTranslation } from 'react-i18next';
import type { RescueTeamProps } from '@sanfang/shared';
import { formatTime } from '../../../utils/formatTime';
import { PhoneLink } from './PhoneLink';

interface RescueTeamDetailsProps {
  team: RescueTeamProps;
}

export function RescueTeamDetails({ team }: RescueTeamDetailsProps) {
  const { t } = useTranslation();
  return (
    <dl className="details-list">
      <dt>{t('details.kind')}</dt>
      <dd>{t(`teamKinds.${team.kind}`)}</dd>
      <dt>{t('details.members')}</dt>
      <dd>{team.members}</dd>
      <dt>{t('details.status')}</dt>
      <dd className={`status status--${team.status}`}>{t(`teamStatuses.${team.status}`)}</dd>
      <dt>{t('details.lastSeen')}</dt>
      <dd className={team.positionStale ? 'status status--stale' : undefined}>
        {team.lastSeenAt ? formatTime(team.lastSeenAt, { seconds: true }) : t('details.noPosition')}
        {team.positionStale && ` (${t('details.positionStale')})`}
      </dd>
      <dt>{t('details.leader')}</dt>
      <dd>
        {team.leaderName} <PhoneLink phone={team.leaderPhone} />
      </dd>
      {team.equipment.length > 0 && (
        <>
          <dt>{t('details.equipment')}</dt>
          <dd>{team.equipment.join('、')}</dd>
        </>
      )}
    </dl>
  );
}

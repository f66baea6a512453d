import { useTranslation } from 'react-i18next';
import { CALLOUT_ROLES, type WaterloggingPointProps } from '@sanfang/shared';
import { PhoneLink } from './PhoneLink';

interface WaterloggingPointDetailsProps {
  point: WaterloggingPointProps;
}

export function WaterloggingPointDetails({ point }: WaterloggingPointDetailsProps) {
  const { t } = useTranslation();
  // The four call-out roles first, in their fixed order; the backup lead after them.
  const contacts = [...point.contacts].sort(
    (a, b) => rank(a.role) - rank(b.role) || a.name.localeCompare(b.name),
  );
  return (
    <>
      <dl className="details-list">
        <dt>{t('details.alarmDepth')}</dt>
        <dd>{t('details.metres', { value: point.alarmDepthM })}</dd>
        <dt>{t('details.sensor')}</dt>
        <dd>{point.hasSensor ? t('details.yes') : t('details.no')}</dd>
      </dl>
      <h3>{t('details.contacts')}</h3>
      {contacts.length === 0 ? (
        <p className="details-panel__empty">{t('details.noContacts')}</p>
      ) : (
        <ul className="contact-list" data-testid="contact-list">
          {contacts.map((contact) => (
            <li key={contact.id}>
              <span className="contact-list__role">{t(`contactRoles.${contact.role}`)}</span>
              <span className="contact-list__name">{contact.name}</span>
              <PhoneLink phone={contact.phone} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function rank(role: WaterloggingPointProps['contacts'][number]['role']): number {
  const index = CALLOUT_ROLES.indexOf(role);
  return index === -1 ? CALLOUT_ROLES.length : index;
}

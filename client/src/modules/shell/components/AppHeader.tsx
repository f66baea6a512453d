import { useTranslation } from 'react-i18next';
import type { UserDto } from '@sanfang/shared';
import { OnDutyNow } from '../../duty-desk/components/OnDutyNow';
import { ConnectionIndicator } from '../../live/components/ConnectionIndicator';
import { DutyClock } from './DutyClock';
import { LanguageSwitch } from '../../../i18n/LanguageSwitch';

interface AppHeaderProps {
  user: UserDto;
  onSignOut: () => void;
}

export function AppHeader({ user, onSignOut }: AppHeaderProps) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <h1>{t('app.name')}</h1>
        <span className="app-header__district">{t('app.district')}</span>
      </div>
      <DutyClock />
      <OnDutyNow />
      <ConnectionIndicator />
      <div className="app-header__user" data-testid="current-user">
        <span className="visually-hidden">{t('header.signedInAs')}</span>
        <span className="app-header__name">{user.displayName}</span>
        <span className="app-header__role">{t(`roles.${user.role}`)}</span>
      </div>
      <LanguageSwitch />
      <button className="button" type="button" onClick={onSignOut}>
        {t('header.signOut')}
      </button>
    </header>
  );
}

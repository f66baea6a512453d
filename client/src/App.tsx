import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { SignInPage } from './modules/auth/components/SignInPage';
import { useAuth } from './modules/auth/state/useAuth';
import { ConsolePage } from './modules/shell/components/ConsolePage';

export function App() {
  const { t } = useTranslation();
  const { session, signOut } = useAuth();

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  return session ? <ConsolePage session={session} onSignOut={signOut} /> : <SignInPage />;
}

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AckPage } from './modules/ack/components/AckPage';
import { ackTokenFromPath } from './modules/ack/utils/ackPath';
import { SignInPage } from './modules/auth/components/SignInPage';
import { useAuth } from './modules/auth/state/useAuth';
import { ConsolePage } from './modules/shell/components/ConsolePage';

export function App() {
  const { t } = useTranslation();
  const { session, signOut } = useAuth();

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  // A contact's ack link needs no sign-in.
  const ackToken = ackTokenFromPath(window.location.pathname);
  if (ackToken) return <AckPage token={ackToken} />;

  return session ? <ConsolePage session={session} onSignOut={signOut} /> : <SignInPage />;
}

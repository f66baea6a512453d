import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AckPage } from './modules/ack/components/AckPage';
import { ackTokenFromPath } from './modules/ack/utils/ackPath';
import { SignInPage } from './modules/auth/components/SignInPage';
import { useAuth } from './modules/auth/state/useAuth';
import { shelterLinkToken } from './modules/resources/api/shelterLinkApi';
import { ShelterManagerPage } from './modules/resources/components/ShelterManagerPage';
import { ConsolePage } from './modules/shell/components/ConsolePage';

export function App() {
  const { t } = useTranslation();
  const { session, signOut } = useAuth();

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  // A shelter manager's link needs no sign-in: the link is the credential.
  const linkToken = shelterLinkToken(window.location.pathname);
  if (linkToken) return <ShelterManagerPage token={linkToken} />;
  // A contact's ack link needs no sign-in.
  const ackToken = ackTokenFromPath(window.location.pathname);
  if (ackToken) return <AckPage token={ackToken} />;

  return session ? <ConsolePage session={session} onSignOut={signOut} /> : <SignInPage />;
}

import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { AckPage } from './modules/ack/components/AckPage';
import { ackTokenFromPath } from './modules/ack/utils/ackPath';
import { SignInPage } from './modules/auth/components/SignInPage';
import { answerTokenFromPath } from './modules/duty-desk/api/answerLinkApi';
import { UnitAnswerPage } from './modules/duty-desk/pages/UnitAnswerPage';
import { useAuth } from './modules/auth/state/useAuth';
import { createQueryClient } from './modules/data/queryClient';
import { shelterLinkToken } from './modules/resources/api/shelterLinkApi';
import { ShelterManagerPage } from './modules/resources/components/ShelterManagerPage';
import { ConsolePage } from './modules/shell/components/ConsolePage';

export function App() {
  const { t } = useTranslation();
  const { session, signOut } = useAuth();
  const { pathname } = useLocation();

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  // A shelter manager's link needs no sign-in: the link is the credential.
  const linkToken = shelterLinkToken(pathname);
  if (linkToken) return <ShelterManagerPage token={linkToken} />;
  // A contact's ack link needs no sign-in.
  const ackToken = ackTokenFromPath(pathname);
  if (ackToken) return <AckPage token={ackToken} />;
  // A unit's answer link to a leader instruction needs no sign-in either.
  const answerToken = answerTokenFromPath(pathname);
  if (answerToken) return <UnitAnswerPage token={answerToken} />;

  // One cache per signed-in user: signing out drops what the last one could read.
  return session ? (
    <SessionData key={session.user.id}>
      <ConsolePage session={session} onSignOut={signOut} />
    </SessionData>
  ) : (
    <SignInPage />
  );
}

function SessionData({ children }: { children: ReactNode }) {
  const [client] = useState(createQueryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

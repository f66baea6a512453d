import type { LoginResponse } from '@sanfang/shared';
import { useMemo, useState, type ReactNode } from 'react';
import { Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DispatchAlerts } from '../../dispatch/components/DispatchAlerts';
import { DispatchBoard } from '../../dispatch/components/DispatchBoard';
import { DispatchesProvider } from '../../dispatch/state/DispatchesProvider';
import { ConcerningInstructions } from '../../duty-desk/components/ConcerningInstructions';
import { IncidentsProvider } from '../../incidents/state/IncidentsProvider';
import { LiveProvider } from '../../live/components/LiveProvider';
import { ReferenceDataProvider } from '../../resources/state/ReferenceDataProvider';
import { ResponsesPanel } from '../../responses/components/ResponsesPanel';
import { activeResponses } from '../../responses/state/applyResponseEvents';
import { ResponsesProvider, useResponses } from '../../responses/state/ResponsesProvider';
import { EventTimeline } from '../../timeline/components/EventTimeline';
import { WarningBanner } from '../../warnings/components/WarningBanner';
import { WarningsProvider } from '../../warnings/state/WarningsProvider';
import { useReplaying } from '../../../hooks/useNow';
import { PAGES } from '../pages/pages';
import { AppHeader } from './AppHeader';
import { DistrictMapView } from './DistrictMapView';
import { NavBar } from './NavBar';
import { NotFoundPage, NotPermittedPage, PageFrame } from './PageFrame';

interface ConsolePageProps {
  session: LoginResponse;
  onSignOut: () => void;
}

/** The call-outs of the active responses (the responses feature says which are active). */
function ActiveDispatches({ children }: { children: ReactNode }) {
  const { state, loaded } = useResponses();
  const active = useMemo(() => activeResponses(state), [state]);
  return (
    <DispatchesProvider responses={active} responsesLoaded={loaded}>
      {children}
    </DispatchesProvider>
  );
}

/**
 * Each feature's live state, loaded once for the signed-in console and read by its panels
 * (`useWarnings()`, `useResponses()`, `useIncidents()`, `useReferenceData()`,
 * `useDispatches()`), on the map and on every other page alike.
 */
export function ConsoleState({ children }: { children: ReactNode }) {
  return (
    <ReferenceDataProvider>
      <WarningsProvider>
        <ResponsesProvider>
          <IncidentsProvider>
            <ActiveDispatches>{children}</ActiveDispatches>
          </IncidentsProvider>
        </ResponsesProvider>
      </WarningsProvider>
    </ReferenceDataProvider>
  );
}

/**
 * The map console's body: the map view, then the command panels (responses, dispatch board) and
 * the event feed beside it. Live under `ConsoleState`; the replay page (复盘) mounts the same
 * under `ReplayConsoleState`.
 */
export function ConsolePanels() {
  const { t } = useTranslation();
  const replaying = useReplaying();
  const [wall, setWall] = useState(false);
  return (
    // `display: contents`: the map view and the side stay the flex items of the main area.
    <div className={`console__panels${wall ? ' console--wall' : ''}`}>
      <DistrictMapView />
      <aside className="console__side" aria-label={t('console.side')}>
        <div className="console__side-bar">
          <button
            type="button"
            className="button button--small"
            aria-pressed={wall}
            onClick={() => setWall(!wall)}
            data-testid="layout-toggle"
          >
            {wall ? t('console.deskLayout') : t('console.wallLayout')}
          </button>
        </div>
        {/* Desk: stacked in one resizable column. Wall: side by side, wider. */}
        <div className="console__columns">
          <div className="console__column console__column--command">
            <ResponsesPanel
              // Leader instructions are today's, not replayed: the review shows none.
              related={
                replaying ? undefined : (id) => <ConcerningInstructions concernsId={id} collapsed />
              }
            />
            <DispatchBoard />
          </div>
          <div className="console__column console__column--timeline">
            <EventTimeline />
          </div>
        </div>
      </aside>
    </div>
  );
}

function ConsoleBody({ session, onSignOut }: ConsolePageProps) {
  // The map stays mounted (hidden) under the other pages: back to it is instant and keeps its view.
  const onMap = useLocation().pathname === '/';

  return (
    <div className="console">
      <AppHeader user={session.user} onSignOut={onSignOut} />
      <NavBar role={session.user.role} />
      <WarningBanner />
      <DispatchAlerts />
      <Routes>
        <Route index element={null} />
        {PAGES.map((p) => (
          <Route
            key={p.path}
            path={p.path}
            element={
              p.roles.includes(session.user.role) ? (
                <PageFrame testId={`page-${p.path}`}>{p.render(session)}</PageFrame>
              ) : (
                <NotPermittedPage />
              )
            }
          />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
      <main className="console__main" hidden={!onMap}>
        <ConsolePanels />
      </main>
    </div>
  );
}

/** The signed-in console: warning banner, live map, command panels and the event timeline. */
export function ConsolePage({ session, onSignOut }: ConsolePageProps) {
  return (
    <LiveProvider token={session.accessToken} userId={session.user.id}>
      <ConsoleState>
        <ConsoleBody session={session} onSignOut={onSignOut} />
      </ConsoleState>
    </LiveProvider>
  );
}

import type { LoginResponse } from '@sanfang/shared';
import { useMemo, useState } from 'react';
import { Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../../hooks/useNow';
import { DispatchBoard } from '../../dispatch/components/DispatchBoard';
import { useLiveDispatches } from '../../dispatch/hooks/useLiveDispatches';
import { pointStates } from '../../dispatch/utils/pointState';
import { useLiveIncidents } from '../../incidents/hooks/useLiveIncidents';
import { incidentFeatures } from '../../incidents/state/applyIncidentEvents';
import { LiveProvider } from '../../live/components/LiveProvider';
import { DistrictMapView } from './DistrictMapView';
import { useLiveReferenceData } from '../../resources/hooks/useLiveReferenceData';
import { ResponsesPanel } from '../../responses/components/ResponsesPanel';
import { useLiveResponses } from '../../responses/hooks/useLiveResponses';
import { activeResponses } from '../../responses/state/applyResponseEvents';
import { EventTimeline } from '../../timeline/components/EventTimeline';
import { WarningBanner } from '../../warnings/components/WarningBanner';
import { useLiveWarnings } from '../../warnings/hooks/useLiveWarnings';
import { warningFeatures } from '../../warnings/utils/warningGeoJson';
import { PAGES } from '../pages/pages';
import { AppHeader } from './AppHeader';
import { NavBar } from './NavBar';
import { NotFoundPage, NotPermittedPage, PageFrame } from './PageFrame';

interface ConsolePageProps {
  session: LoginResponse;
  onSignOut: () => void;
}

// Overdue is a matter of time passing, not of events: re-derive point colours this often.
const POINT_STATE_TICK_MS = 5_000;

function ConsoleBody({ session, onSignOut }: ConsolePageProps) {
  const { t } = useTranslation();
  const token = session.accessToken;
  const reference = useLiveReferenceData(token);
  const data = reference.state.status === 'ready' ? reference.state.data : null;
  const warnings = useLiveWarnings(token);
  const responses = useLiveResponses(token);
  const incidents = useLiveIncidents(token);
  const active = useMemo(() => activeResponses(responses.state), [responses.state]);
  const responseIds = useMemo(() => active.map((r) => r.id), [active]);
  const dispatches = useLiveDispatches(token, responseIds);
  const tick = useNow(POINT_STATE_TICK_MS);
  const [wall, setWall] = useState(false);
  // The map stays mounted (hidden) under the other pages: back to it is instant and keeps its view.
  const onMap = useLocation().pathname === '/';

  const warningLayer = useMemo(
    () =>
      data
        ? warningFeatures(warnings.warnings.byId.values(), data.subdistricts, data.district)
        : [],
    [data, warnings.warnings],
  );
  const incidentLayer = useMemo(() => incidentFeatures(incidents.incidents.values()), [incidents]);
  const alarmDepths = useMemo(
    () =>
      new Map(
        data?.waterloggingPoints.features.map((f) => [f.properties.id, f.properties.alarmDepthM]),
      ),
    [data],
  );
  const states = useMemo(
    () => pointStates(dispatches.values(), incidents.ponding, tick, (id) => alarmDepths.get(id)),
    [dispatches, incidents.ponding, tick, alarmDepths],
  );
  const canCommand = session.user.role === 'commander';

  const command = (
    <>
      <ResponsesPanel
        token={token}
        state={responses.state}
        canCommand={canCommand}
        subdistricts={data?.subdistricts ?? null}
      />
      <DispatchBoard responses={active} dispatches={dispatches} />
    </>
  );

  return (
    <div className={`console${wall ? ' console--wall' : ''}`}>
      <AppHeader user={session.user} onSignOut={onSignOut} />
      <NavBar role={session.user.role} />
      <WarningBanner
        warnings={warnings.warnings}
        loaded={warnings.loaded}
        subdistricts={data?.subdistricts ?? null}
      />
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
        <DistrictMapView
          state={reference.state}
          reload={reference.reload}
          warnings={warningLayer}
          incidents={incidentLayer}
          pointStates={states}
          session={{ token, role: session.user.role }}
          liveIncidents={incidents.incidents}
          liveWarnings={warnings.warnings.byId}
          responses={responses.state}
        />
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
            <div className="console__column console__column--command">{command}</div>
            <div className="console__column console__column--timeline">
              <EventTimeline />
            </div>
          </div>
        </aside>
      </main>
    </div>
  );
}

/** The signed-in console: warning banner, live map, command panels and the event timeline. */
export function ConsolePage({ session, onSignOut }: ConsolePageProps) {
  return (
    <LiveProvider token={session.accessToken} userId={session.user.id}>
      <ConsoleBody session={session} onSignOut={onSignOut} />
    </LiveProvider>
  );
}

import type { LoginResponse } from '@sanfang/shared';
import { LiveProvider } from '../../live/components/LiveProvider';
import { DistrictMapView } from '../../map/components/DistrictMapView';
import { EventTimeline } from '../../timeline/components/EventTimeline';
import { AppHeader } from './AppHeader';

interface ConsolePageProps {
  session: LoginResponse;
  onSignOut: () => void;
}

/** The signed-in console. Later issues add the warnings banner above and the dispatch board beside the map. */
export function ConsolePage({ session, onSignOut }: ConsolePageProps) {
  return (
    <LiveProvider token={session.accessToken} userId={session.user.id}>
      <div className="console">
        <AppHeader user={session.user} onSignOut={onSignOut} />
        {/* Slot: active warnings / emergency response banner (later issue). */}
        <main className="console__main">
          <DistrictMapView token={session.accessToken} />
          <aside className="console__side">
            <EventTimeline />
          </aside>
        </main>
      </div>
    </LiveProvider>
  );
}

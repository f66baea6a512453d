import type { IncidentDto, NearbyTeamDto, ReportingDutyDto } from '@sanfang/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLiveStore } from '../../live/hooks/useLive';
import { fetchIncident, fetchIncidentDuties, fetchNearestTeams } from '../api/incidentsApi';
import { incidentPartsToRefresh, type IncidentPart } from '../utils/refreshFor';

export type Loaded<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: unknown };

export interface IncidentDetails {
  incident: Loaded<IncidentDto>;
  duties: Loaded<ReportingDutyDto[]>;
  teams: Loaded<NearbyTeamDto[]>;
  /** Fetch parts again now (after an action of our own, so a lost socket does not hide it). */
  refresh: (...parts: IncidentPart[]) => void;
}

const LOADING = { status: 'loading' } as const;

/**
 * One incident's details, duties and nearest teams from the API, fetched again whenever a
 * live event concerns them. Only the latest fetch of each part may land.
 */
export function useIncidentDetails(token: string, id: string): IncidentDetails {
  const live = useLiveStore();
  const [incident, setIncident] = useState<Loaded<IncidentDto>>(LOADING);
  const [duties, setDuties] = useState<Loaded<ReportingDutyDto[]>>(LOADING);
  const [teams, setTeams] = useState<Loaded<NearbyTeamDto[]>>(LOADING);
  const loadRef = useRef<(part: IncidentPart) => void>(() => undefined);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    const latest = { incident: 0, duties: 0, teams: 0 };
    function track<T>(part: IncidentPart, request: Promise<T>, set: (v: Loaded<T>) => void) {
      const mine = ++latest[part];
      request.then(
        (value) => {
          if (!signal.aborted && latest[part] === mine) set({ status: 'ready', value });
        },
        (error: unknown) => {
          if (!signal.aborted && latest[part] === mine) set({ status: 'failed', error });
        },
      );
    }
    const load = (part: IncidentPart) => {
      if (part === 'incident') track(part, fetchIncident(token, id, signal), setIncident);
      else if (part === 'duties') track(part, fetchIncidentDuties(token, id, signal), setDuties);
      else track(part, fetchNearestTeams(token, id, signal), setTeams);
    };
    loadRef.current = load;
    load('incident');
    load('duties');
    load('teams');
    const off = live.onEvents((events) => {
      for (const part of incidentPartsToRefresh(id, events)) load(part);
    });
    return () => {
      controller.abort();
      off();
    };
  }, [live, token, id]);

  const refresh = useCallback((...parts: IncidentPart[]) => {
    for (const part of parts) loadRef.current(part);
  }, []);
  return { incident, duties, teams, refresh };
}

import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { NearbyTeamDto, NearestTeamsQuery, TeamStatus } from '@sanfang/shared';
import type { AuthUser } from '../auth/auth.types';
import { ApiException, notFound } from '../common/api-exception';
import { CLOCK, type Clock } from '../core/clock';
import { EventLog } from '../events/event-log.service';
import type { Incident } from './entities/incident.entity';
import { distanceM } from '../geo/distance';
import { IncidentsRepository } from './incidents.repository';
import { scopeOf } from './incidents.mapper';
import { positionOf } from './team-position';

const AVAILABLE: TeamStatus = 'standby';

/** Nearest available rescue teams and one-click assignment. */
@Injectable()
export class IncidentTeamsService {
  constructor(
    private readonly events: EventLog,
    private readonly repo: IncidentsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Available teams nearest first; with all=true the busy ones follow, also by distance. */
  async nearest(incidentId: string, q: NearestTeamsQuery): Promise<NearbyTeamDto[]> {
    const i = await this.locatedIncident(incidentId);
    const teams = await this.repo.liveTeams();
    return teams
      .filter((t) => q.all === 'true' || t.status === AVAILABLE)
      .map((t) => {
        const [lon, lat] = positionOf(t);
        return {
          id: t.id,
          code: t.code,
          name: t.name,
          kind: t.kind,
          members: t.members,
          status: t.status,
          subdistrictCode: t.subdistrictCode,
          lon,
          lat,
          distanceM: Math.round(distanceM([lon, lat], [i.lon, i.lat])),
        };
      })
      .sort(
        (a, b) =>
          Number(a.status !== AVAILABLE) - Number(b.status !== AVAILABLE) ||
          a.distanceM - b.distanceM,
      )
      .slice(0, q.limit);
  }

  /**
   * Assigns a standby team. The status update is conditional, so of two officers assigning
   * the same team at once exactly one wins; the other gets 409.
   */
  async assign(user: AuthUser, incidentId: string, teamId: string): Promise<NearbyTeamDto> {
    return this.events.write(user.username, async (tx) => {
      const i = await this.repo.get(tx.manager, incidentId);
      if (!i) throw notFound('Incident');
      if (i.status === 'resolved' || i.status === 'closed')
        throw new ApiException(
          HttpStatus.CONFLICT,
          'INCIDENT_STATUS_INVALID',
          `Incident is ${i.status}; nothing to assign a team to`,
        );
      const t = await this.repo.takeTeam(tx.manager, teamId, AVAILABLE);
      if (!t) {
        const exists = await this.repo.team(tx.manager, teamId);
        if (!exists) throw notFound('Rescue team');
        throw new ApiException(
          HttpStatus.CONFLICT,
          'TEAM_NOT_AVAILABLE',
          `Team ${exists.code} is ${exists.retiredAt ? 'retired' : exists.status}`,
        );
      }
      const pos = positionOf(t);
      const d =
        i.lon !== null && i.lat !== null ? Math.round(distanceM(pos, [i.lon, i.lat])) : null;
      await this.repo.insertAssignment(tx.manager, {
        incidentId,
        teamId,
        assignedAt: this.clock.now(),
        assignedBy: user.username,
        distanceM: d,
      });
      tx.emit(
        'team.status_changed',
        {
          teamId,
          subdistrictCode: t.subdistrict_code,
          status: 'assigned',
          previousStatus: AVAILABLE,
          incidentId,
        },
        { subdistrictCodes: [t.subdistrict_code, ...scopeOf(i).subdistrictCodes] },
      );
      tx.emit(
        'incident.team_assigned',
        { incidentId, teamId, teamName: t.name, distanceM: d },
        scopeOf(i),
      );
      return {
        id: t.id,
        code: t.code,
        name: t.name,
        kind: t.kind,
        members: t.members,
        status: 'assigned',
        subdistrictCode: t.subdistrict_code,
        lon: pos[0],
        lat: pos[1],
        distanceM: d ?? 0,
      };
    });
  }

  private async locatedIncident(id: string): Promise<Incident & { lon: number; lat: number }> {
    const i = await this.repo.get(undefined, id);
    if (!i) throw notFound('Incident');
    if (i.lon === null || i.lat === null)
      throw new ApiException(
        HttpStatus.CONFLICT,
        'INCIDENT_NO_LOCATION',
        'Incident has only an address; set its position to find teams by distance',
      );
    return i as Incident & { lon: number; lat: number };
  }
}

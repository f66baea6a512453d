import type { ShelterStatus, TeamStatus } from './reference';

/**
 * Resources (shelters, teams, warehouses) — contracts. Owned by the resources feature; the
 * incidents feature also changes a team's status (assignment) and emits team.status_changed.
 */
export interface ShelterEventPayload {
  shelterId: string;
  subdistrictCode: string;
  status: ShelterStatus;
  occupancy: number;
  capacity: number;
}

export interface TeamStatusPayload {
  teamId: string;
  subdistrictCode: string;
  status: TeamStatus;
  previousStatus: TeamStatus;
  /** The incident it was assigned to, when the change is an assignment. */
  incidentId: string | null;
}

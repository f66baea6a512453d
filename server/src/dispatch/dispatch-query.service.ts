import { Inject, Injectable } from '@nestjs/common';
import type { DispatchDto, DispatchesQuery, DispatchMessageDto } from '@sanfang/shared';
import { notFound } from '../common/api-exception';
import type { AuthUser } from '../auth/auth.types';
import { CLOCK, type Clock } from '../core/clock';
import { DispatchRepository, type DispatchRow } from './dispatch.repository';
import { NotificationsRepository } from './notify/notifications.repository';

const remaining = (deadline: Date | null, done: Date | null, closed: Date | null, now: Date) =>
  deadline && !done && !closed ? Math.round((deadline.getTime() - now.getTime()) / 1000) : null;

export const toDispatchDto = (d: DispatchRow, now: Date): DispatchDto => ({
  id: d.id,
  responseId: d.response_id,
  pointId: d.point_id,
  pointCode: d.point_code,
  pointName: d.point_name,
  subdistrictCode: d.subdistrict_code,
  contactId: d.contact_id,
  contactName: d.contact_name,
  phone: d.phone,
  role: d.role,
  status: d.status,
  code: d.code,
  notifiedAt: d.notified_at.toISOString(),
  ackDeadline: d.ack_deadline.toISOString(),
  ackRemainingS: remaining(d.ack_deadline, d.acknowledged_at, d.closed_at, now),
  acknowledgedAt: d.acknowledged_at?.toISOString() ?? null,
  ackLate: d.ack_late,
  arriveDeadline: d.arrive_deadline?.toISOString() ?? null,
  arriveRemainingS: remaining(d.arrive_deadline, d.arrived_at, d.closed_at, now),
  arrivedAt: d.arrived_at?.toISOString() ?? null,
  arriveLate: d.arrive_late,
  arrivalDistanceM: d.arrival_distance_m,
  arrivalFar: d.arrival_far,
  depthM: d.depth_m,
  ackEscalationStep: d.ack_step,
  arriveEscalationStep: d.arrive_step,
  closedAt: d.closed_at?.toISOString() ?? null,
});

/** The console's dispatch board: console roles by scope, a contact only its own. */
@Injectable()
export class DispatchQueryService {
  constructor(
    private readonly repo: DispatchRepository,
    private readonly notifications: NotificationsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(user: AuthUser, q: DispatchesQuery): Promise<DispatchDto[]> {
    const rows = await this.repo.list({
      responseId: q.responseId,
      status: q.status,
      limit: q.limit,
      ...(user.role === 'contact'
        ? { contactId: user.contactId ?? '00000000-0000-0000-0000-000000000000' }
        : user.subdistrictCode
          ? { subdistrictCode: user.subdistrictCode }
          : {}),
    });
    const now = this.clock.now();
    return rows.map((d) => toDispatchDto(d, now));
  }

  /**
   * The messages of one call-out, for a console user whose scope holds it: a subdistrict-bound
   * user asking for another subdistrict's dispatch gets the same 404 as for a missing one.
   */
  async messages(user: AuthUser, id: string): Promise<DispatchMessageDto[]> {
    const d = await this.repo.byId(id);
    if (!d || (user.subdistrictCode && d.subdistrict_code !== user.subdistrictCode))
      throw notFound('dispatch');
    return this.notifications.forDispatch(id);
  }
}

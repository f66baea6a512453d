import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  OccupancyUpdate,
  ShelterEventPayload,
  ShelterTotals,
  ShelterTotalsRow,
} from '@sanfang/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { ApiException, notFound } from '../../common/api-exception';
import { CLOCK, type Clock } from '../../core/clock';
import type { EventTx } from '../../events/event-log';
import { EventLog } from '../../events/event-log.service';
import type { Shelter } from '../entities/shelter.entity';
import { conflict } from '../common/resource-errors';
import { readResourceSettings } from '../../core/settings/resource-settings';
import { periodAt, shelterAlarmLevel } from './shelter-alarm';
import { shelterPayload } from './shelter-events';
import { SheltersRepository } from './shelters.repository';

/** Shelter rules: open/close with who and why, headcounts within capacity, fill alarms. */
@Injectable()
export class SheltersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly events: EventLog,
    private readonly repo: SheltersRepository,
  ) {}

  async open(id: string, by: string, reason: string): Promise<ShelterEventPayload> {
    return this.events.write(by, async (tx) => {
      const s = await this.repo.setStatus(tx.manager, id, 'closed', 'open');
      if (!s) throw await this.whyNot(tx.manager, id, 'open');
      return this.emitStatus(tx, s, 'shelter.opened', by, reason);
    });
  }

  async close(id: string, by: string, reason: string): Promise<ShelterEventPayload> {
    return this.events.write(by, async (tx) => {
      const s = await this.repo.setStatus(tx.manager, id, 'open', 'closed');
      if (!s) throw await this.whyNot(tx.manager, id, 'closed');
      return this.emitStatus(tx, s, 'shelter.closed', by, reason);
    });
  }

  /** Opens a shelter inside another write (the typhoon proposal); null if it was not closed. */
  async openIn(tx: EventTx, id: string, by: string, reason: string): Promise<Shelter | null> {
    const s = await this.repo.setStatus(tx.manager, id, 'closed', 'open');
    if (s) this.emitStatus(tx, s, 'shelter.opened', by, reason);
    return s;
  }

  async updateOccupancy(
    id: string,
    by: string,
    body: OccupancyUpdate,
  ): Promise<ShelterEventPayload> {
    const period = body.period ?? periodAt(this.clock.now());
    return this.events.write(by, async (tx) => {
      const s = await this.repo.applyOccupancy(tx.manager, id, {
        period,
        occupancy: body.occupancy ?? null,
        delta: body.delta ?? null,
        override: body.override,
      });
      if (!s) throw await this.whyNotOccupancy(tx.manager, id, body, period);
      const payload = shelterPayload(s, by, body.reason ?? null, s.occupancy > s.capacity);
      tx.emit('shelter.occupancy_updated', payload, { subdistrictCodes: [s.subdistrictCode] });
      await this.evaluateAlarm(tx, s);
      return payload;
    });
  }

  /** Raises near-full/full once per crossing and clears it when the headcount drops back. */
  async evaluateAlarm(tx: EventTx, s: Shelter): Promise<void> {
    const settings = await readResourceSettings(tx.manager);
    const level =
      s.status === 'open'
        ? shelterAlarmLevel(s.occupancy, s.capacity, settings.nearFullPercent)
        : 'none';
    if (level === s.alarmLevel) return;
    await this.repo.setAlarmLevel(tx.manager, s.id, level);
    const suggestions =
      level === 'none' ? [] : await this.repo.nearestWithRoom(tx.manager, s, settings.suggestions);
    const payload = {
      shelterId: s.id,
      code: s.code,
      name: s.name,
      subdistrictCode: s.subdistrictCode,
      level,
      previousLevel: s.alarmLevel,
      occupancy: s.occupancy,
      capacity: s.capacity,
      suggestions,
    };
    const type =
      level === 'full'
        ? 'shelter.full'
        : level === 'near_full'
          ? 'shelter.near_full'
          : 'shelter.alarm_cleared';
    tx.emit(type, payload, { subdistrictCodes: [s.subdistrictCode] });
  }

  async totals(): Promise<ShelterTotals> {
    const subdistricts = await this.repo.totals(this.ds.manager);
    const district = subdistricts.reduce<ShelterTotalsRow>(
      (a, r) => ({
        shelters: a.shelters + r.shelters,
        openShelters: a.openShelters + r.openShelters,
        capacity: a.capacity + r.capacity,
        sheltered: a.sheltered + r.sheltered,
        shelteredDay: a.shelteredDay + r.shelteredDay,
        shelteredNight: a.shelteredNight + r.shelteredNight,
      }),
      {
        shelters: 0,
        openShelters: 0,
        capacity: 0,
        sheltered: 0,
        shelteredDay: 0,
        shelteredNight: 0,
      },
    );
    return { district, subdistricts };
  }

  private emitStatus(
    tx: EventTx,
    s: Shelter,
    type: 'shelter.opened' | 'shelter.closed',
    by: string,
    reason: string,
  ): ShelterEventPayload {
    const payload = shelterPayload(s, by, reason);
    tx.emit(type, payload, { subdistrictCodes: [s.subdistrictCode] });
    return payload;
  }

  private async whyNot(m: EntityManager, id: string, to: 'open' | 'closed'): Promise<ApiException> {
    const s = await this.repo.find(m, id);
    if (!s || s.retiredAt) return notFound('Shelter');
    if (s.status === to) return conflict(`The shelter is already ${to}`);
    return conflict(
      `${s.occupancy} people are still recorded in the shelter; set the occupancy to 0 before closing it`,
      'body.occupancy',
    );
  }

  private async whyNotOccupancy(
    m: EntityManager,
    id: string,
    body: OccupancyUpdate,
    period: 'day' | 'night',
  ): Promise<ApiException> {
    const s = await this.repo.find(m, id);
    if (!s || s.retiredAt) return notFound('Shelter');
    if (s.status !== 'open') return new ApiException(HttpStatus.CONFLICT, 'SHELTER_NOT_OPEN');
    const current = period === 'day' ? s.occupancyDay : s.occupancyNight;
    const next = body.occupancy ?? current + (body.delta ?? 0);
    if (next < 0) {
      return conflict(
        `The ${period} headcount is ${current}; ${-(body.delta ?? 0)} cannot leave`,
        'body.delta',
      );
    }
    return new ApiException(
      HttpStatus.CONFLICT,
      'SHELTER_OVER_CAPACITY',
      `The ${period} headcount would be ${next}, capacity is ${s.capacity}; send override: true with a reason to record it`,
      body.occupancy !== undefined ? 'body.occupancy' : 'body.delta',
    );
  }
}

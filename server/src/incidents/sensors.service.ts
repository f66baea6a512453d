import { HttpStatus, Injectable } from '@nestjs/common';
import type {
  SensorFeed,
  SensorFeedResult,
  SensorOutcome,
  SensorReading,
  SensorResult,
} from '@sanfang/shared';
import { ApiException } from '../common/api-exception';
import type { EventTx } from '../events/event-log';
import { EventLog } from '../events/event-log.service';
import type { WaterloggingPoint } from '../geo/entities/waterlogging-point.entity';
import { IncidentsRepository } from './incidents.repository';
import { IncidentsService } from './incidents.service';
import { IntakeService } from './intake.service';
import { scopeOf } from './incidents.mapper';

/**
 * Ponding-depth readings. Raise at depth ≥ the point's alarm depth; clear only below
 * (alarm − hysteresis), so a reading hovering at the threshold does not flap. No time
 * debounce: one reading at the threshold raises (a duty room wants the first sign). Readings
 * older than the last one seen for the point are ignored (feeds retry out of order).
 */
@Injectable()
export class SensorsService {
  constructor(
    private readonly events: EventLog,
    private readonly repo: IncidentsRepository,
    private readonly intake: IntakeService,
    private readonly incidents: IncidentsService,
  ) {}

  async ingest(feedName: string, body: SensorFeed): Promise<SensorFeedResult> {
    const points = await this.resolvePoints(body.readings);
    const hysteresisM = (await this.repo.settings()).sensorHysteresisM;
    const ordered = body.readings
      .map((r, n) => ({ r, p: points[n]! }))
      .sort((a, b) => Date.parse(a.r.measuredAt) - Date.parse(b.r.measuredAt));
    // One transaction for the batch: all of it or none. Plain readings (no threshold
    // crossing) are telemetry, not domain events, hence allowNoEvent.
    const { result } = await this.events.writeWithEvents(
      `feed:${feedName}`,
      async (tx) => {
        const out: SensorResult[] = [];
        for (const { r, p } of ordered) out.push(await this.one(tx, p, r, hysteresisM));
        return out;
      },
      { allowNoEvent: true },
    );
    return { results: result };
  }

  private async one(
    tx: EventTx,
    p: WaterloggingPoint,
    r: SensorReading,
    hysteresisM: number,
  ): Promise<SensorResult> {
    const at = new Date(r.measuredAt);
    const s = await this.repo.lockedSensorState(tx.manager, p.id);
    const base = { pointCode: p.code, measuredAt: r.measuredAt };
    if (at.getTime() <= s.measuredAt.getTime())
      return { ...base, outcome: 'stale', incidentId: s.incidentId };
    s.depthM = r.depthM;
    s.measuredAt = at;
    let outcome: SensorOutcome = 'unchanged';
    if (!s.alarm && r.depthM >= p.alarmDepthM) {
      s.alarm = true;
      s.incidentId = await this.raise(tx, p, r);
      outcome = 'raised';
    } else if (s.alarm && r.depthM < p.alarmDepthM - hysteresisM) {
      s.alarm = false;
      await this.clear(tx, p, s.incidentId, r.depthM);
      outcome = 'cleared';
    }
    await this.repo.saveSensorState(tx.manager, s);
    return { ...base, outcome, incidentId: s.incidentId };
  }

  /** Opens a waterlogging incident for the point, or re-arms its open one. */
  private async raise(tx: EventTx, p: WaterloggingPoint, r: SensorReading): Promise<string> {
    const open = await this.repo.openIncidentAt(tx.manager, p.id);
    const text = `${p.name} 积水深度 ${r.depthM.toFixed(2)} m（阈值 ${p.alarmDepthM} m）`;
    let incidentId: string;
    if (open) {
      open.sensorAlarm = true;
      open.description = `${open.description}\n${r.measuredAt} ${text}`.trim();
      await this.incidents.applyChange(tx, open, 'sensor', `传感器再次报警：${text}`, false);
      incidentId = open.id;
    } else {
      const opened = await this.intake.open(
        tx,
        'sensor',
        `${p.code}@${r.measuredAt}`,
        {
          type: 'waterlogging',
          occurredAt: r.measuredAt,
          location: { lon: p.lon, lat: p.lat, address: p.name },
          title: `${p.name} 积水报警`,
          description: text,
          casualties: { deaths: 0, seriousInjuries: 0, missing: 0, trapped: 0 },
          directLossCny: 0,
        },
        p.subdistrictCode,
        'sensor',
        { pointId: p.id, sensorAlarm: true },
      );
      incidentId = opened.incident.id;
    }
    tx.emit(
      'incident.sensor_alarm',
      {
        pointId: p.id,
        pointCode: p.code,
        state: 'raised',
        depthM: r.depthM,
        alarmDepthM: p.alarmDepthM,
        incidentId,
      },
      { subdistrictCodes: [p.subdistrictCode] },
    );
    return incidentId;
  }

  /** The water fell back: the alarm clears; the incident stays for the officer to resolve. */
  private async clear(
    tx: EventTx,
    p: WaterloggingPoint,
    incidentId: string | null,
    depthM: number,
  ): Promise<void> {
    const i = incidentId ? await this.repo.get(tx.manager, incidentId, true) : null;
    if (i && i.sensorAlarm) {
      i.sensorAlarm = false;
      await this.incidents.applyChange(
        tx,
        i,
        'sensor',
        `传感器报警解除：${depthM.toFixed(2)} m`,
        false,
      );
    }
    tx.emit(
      'incident.sensor_alarm',
      {
        pointId: p.id,
        pointCode: p.code,
        state: 'cleared',
        depthM,
        alarmDepthM: p.alarmDepthM,
        incidentId,
      },
      i ? scopeOf(i) : { subdistrictCodes: [p.subdistrictCode] },
    );
  }

  /** Every reading names a known point, or the whole batch is refused (nothing stored). */
  private async resolvePoints(readings: SensorReading[]): Promise<WaterloggingPoint[]> {
    const codes = readings.flatMap((r) => (r.pointCode ? [r.pointCode] : []));
    const ids = readings.flatMap((r) => (r.pointId ? [r.pointId] : []));
    const found = await this.repo.livePoints(codes, ids);
    return readings.map((r, n) => {
      const p = found.find((f) => (r.pointCode ? f.code === r.pointCode : f.id === r.pointId));
      if (!p)
        throw new ApiException(
          HttpStatus.BAD_REQUEST,
          'UNKNOWN_POINT',
          `No waterlogging point ${r.pointCode ?? r.pointId}`,
          `body.readings.${n}.${r.pointCode ? 'pointCode' : 'pointId'}`,
        );
      return p;
    });
  }
}

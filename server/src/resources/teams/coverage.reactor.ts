import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CoverageGapDto, ResponseEventPayload } from '@sanfang/shared';
import type { DataSource } from 'typeorm';
import type { CommittedEvent, EventTx } from '../../events/event-log';
import { Reactors } from '../../events/reactors.service';

interface Need {
  code: string;
  response_ids: string[];
  standby: number;
}

/**
 * Coverage-gap alarm: a subdistrict under an active response with no standby team. Active
 * responses are this feature's own projection of response.* events; every event that can
 * change the answer (responses, any team status change — ours or the incidents feature's —
 * and team management) re-evaluates it, in one reactor, so raise/clear never race.
 */
@Injectable()
export class CoverageReactor implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly reactors: Reactors,
  ) {}

  onModuleInit(): void {
    this.reactors.register({
      name: 'resources.coverage',
      types: [
        'response.started',
        'response.level_changed',
        'response.ended',
        'team.status_changed',
        'resource.created',
        'resource.updated',
        'resource.retired',
      ],
      handle: (e, tx) => this.handle(e, tx),
    });
  }

  async gaps(): Promise<CoverageGapDto[]> {
    const rows = await this.ds.query<
      { subdistrict_code: string; response_ids: string[]; raised_at: Date }[]
    >(
      `SELECT subdistrict_code, response_ids, raised_at FROM resource_coverage_gaps ORDER BY subdistrict_code`,
    );
    return rows.map((r) => ({
      subdistrictCode: r.subdistrict_code,
      responseIds: r.response_ids,
      raisedAt: r.raised_at.toISOString(),
    }));
  }

  private async handle(e: CommittedEvent, tx: EventTx): Promise<void> {
    if (e.type.startsWith('resource.') && (e.payload as { kind: string }).kind !== 'team') return;
    if (e.type.startsWith('response.')) await this.project(e, tx);
    await this.evaluate(tx, e.occurredAt);
  }

  private async project(e: CommittedEvent, tx: EventTx): Promise<void> {
    const r = e.payload as ResponseEventPayload;
    if (e.type === 'response.ended') {
      await tx.manager.query(`DELETE FROM resource_active_responses WHERE response_id = $1`, [
        r.responseId,
      ]);
      return;
    }
    await tx.manager.query(
      `INSERT INTO resource_active_responses (response_id, hazard, level, subdistrict_codes)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (response_id) DO UPDATE
         SET hazard = EXCLUDED.hazard, level = EXCLUDED.level, subdistrict_codes = EXCLUDED.subdistrict_codes`,
      [r.responseId, r.hazard, r.level, r.subdistrictCodes],
    );
  }

  private async evaluate(tx: EventTx, at: string): Promise<void> {
    const needs = await tx.manager.query<Need[]>(
      `SELECT sd.code,
              array_agg(DISTINCT r.response_id ORDER BY r.response_id) AS response_ids,
              (SELECT count(*)::int FROM rescue_teams t
                WHERE t.subdistrict_code = sd.code AND t.status = 'standby' AND t.retired_at IS NULL) AS standby
         FROM subdistricts sd
         JOIN resource_active_responses r
           ON cardinality(r.subdistrict_codes) = 0 OR sd.code = ANY (r.subdistrict_codes)
        GROUP BY sd.code`,
    );
    const raised = new Map(
      (
        await tx.manager.query<{ subdistrict_code: string }[]>(
          `SELECT subdistrict_code FROM resource_coverage_gaps`,
        )
      ).map((r) => [r.subdistrict_code, true]),
    );
    const covering = new Map(needs.map((n) => [n.code, n]));
    for (const n of needs) {
      if (n.standby > 0 || raised.has(n.code)) continue;
      await tx.manager.query(
        `INSERT INTO resource_coverage_gaps (subdistrict_code, response_ids, raised_at) VALUES ($1, $2, $3)`,
        [n.code, n.response_ids, at],
      );
      tx.emit(
        'resources.coverage_gap_raised',
        { subdistrictCode: n.code, responseIds: n.response_ids, standbyTeams: 0 },
        { subdistrictCodes: [n.code] },
      );
    }
    for (const code of raised.keys()) {
      const n = covering.get(code);
      if (n && n.standby === 0) continue;
      await tx.manager.query(`DELETE FROM resource_coverage_gaps WHERE subdistrict_code = $1`, [
        code,
      ]);
      tx.emit(
        'resources.coverage_gap_cleared',
        {
          subdistrictCode: code,
          responseIds: n?.response_ids ?? [],
          standbyTeams: n?.standby ?? 0,
        },
        { subdistrictCodes: [code] },
      );
    }
  }
}

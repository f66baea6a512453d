import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A round's open calls through one index (issue 21). The stand-down and every rung of the
 * escalation ladder ask for `round_id = $1 AND closed_at IS NULL`; with `ix_calls_round` on
 * round_id alone the planner AND-ed it with a bitmap scan of the whole open-code index
 * (`ix_calls_code`, partial on closed_at IS NULL), which between vacuums also holds an entry
 * for every call closed since: under bench:ingest 1,465 such scans read 79 million index
 * entries. With closed_at in the round's index both conditions are one index condition.
 *
 * A new round's reply codes: each must differ from the codes of the same phone's open calls.
 * That was a read of every open call of the round's ~2,750 phones before the insert, through a
 * partial index that, like the one above, keeps an entry for every call closed since the last
 * vacuum (37 ms a round under the bench, 6 ms right after a vacuum). Now a unique index on
 * (phone, code) among open calls is the check: the insert skips a taken pair
 * (`ON CONFLICT … DO NOTHING`) and the service draws again for the few it skipped. It also
 * serves the look-up by phone the dropped `ix_calls_phone` served.
 *
 * `calls` and `notifications` are written once and updated once per row (closed, delivered),
 * so half their tuples are dead soon after a round; they are vacuumed at 5 % dead rows
 * instead of PostgreSQL's default 20 %, so their indexes stay lean through a storm night.
 */
export class CallRoundOpenIndex1796680000001 implements MigrationInterface {
  name = 'CallRoundOpenIndex1796680000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_calls_round"`);
    await q.query(`CREATE INDEX "ix_calls_round" ON "calls" ("round_id", "closed_at") `);
    await q.query(`DROP INDEX "public"."ix_calls_phone"`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_calls_phone_code" ON "calls" ("phone", "code") WHERE closed_at IS NULL`,
    );
    for (const t of ['calls', 'notifications'])
      await q.query(
        `ALTER TABLE "${t}" SET (autovacuum_vacuum_scale_factor = 0.05, autovacuum_analyze_scale_factor = 0.05)`,
      );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['calls', 'notifications'])
      await q.query(
        `ALTER TABLE "${t}" RESET (autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor)`,
      );
    await q.query(`DROP INDEX "public"."uq_calls_phone_code"`);
    await q.query(`CREATE INDEX "ix_calls_phone" ON "calls" ("phone") WHERE closed_at IS NULL`);
    await q.query(`DROP INDEX "public"."ix_calls_round"`);
    await q.query(`CREATE INDEX "ix_calls_round" ON "calls" ("round_id") `);
  }
}

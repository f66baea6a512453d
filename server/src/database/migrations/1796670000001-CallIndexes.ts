import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fewer index entries per 叫应 call (issue 21: the `calls` writes were three quarters of
 * PostgreSQL's time under bench:ingest). A round writes ~2,750 calls and closes them later; a
 * close is not a HOT update (closed_at is in partial-index predicates), so every index of the
 * table took a new entry for every call, twice.
 * - By warning: through the warning's rounds (call_rounds.warning_id, a few rows), not an index
 *   of its own on every call.
 * - By drill: only drill calls are indexed.
 * - By phone: only open calls are looked up by phone (reply codes in use), so only they are
 *   indexed, like the reply codes.
 * - Notifications by dispatch: only a dispatch's messages have one (a call's have call_id).
 */
export class CallIndexes1796670000001 implements MigrationInterface {
  name = 'CallIndexes1796670000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_calls_warning"`);
    await q.query(`DROP INDEX "public"."ix_calls_drill"`);
    await q.query(
      `CREATE INDEX "ix_calls_drill" ON "calls" ("drill_id") WHERE drill_id IS NOT NULL`,
    );
    await q.query(`DROP INDEX "public"."ix_calls_phone"`);
    await q.query(`CREATE INDEX "ix_calls_phone" ON "calls" ("phone") WHERE closed_at IS NULL`);
    await q.query(`DROP INDEX "public"."ix_notifications_dispatch"`);
    await q.query(
      `CREATE INDEX "ix_notifications_dispatch" ON "notifications" ("dispatch_id") WHERE dispatch_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_notifications_dispatch"`);
    await q.query(`CREATE INDEX "ix_notifications_dispatch" ON "notifications" ("dispatch_id") `);
    await q.query(`DROP INDEX "public"."ix_calls_phone"`);
    await q.query(`CREATE INDEX "ix_calls_phone" ON "calls" ("phone") `);
    await q.query(`DROP INDEX "public"."ix_calls_drill"`);
    await q.query(`CREATE INDEX "ix_calls_drill" ON "calls" ("drill_id") `);
    await q.query(`CREATE INDEX "ix_calls_warning" ON "calls" ("warning_id") `);
  }
}

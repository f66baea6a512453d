import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * After-action review (复盘): the events' time index (state as of a moment finds its last seq)
 * and the checkpoints, a rebuildable cache of the console state folded from the log every K
 * events per viewer scope ('district' or 'sd:<code>'). Deleting them loses nothing.
 */
export class ReplayCheckpoints1796630000001 implements MigrationInterface {
  name = 'ReplayCheckpoints1796630000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_events_occurred_at" ON "events" ("occurred_at", "seq")`);
    await q.query(
      `CREATE TABLE "replay_checkpoints" ("scope" text NOT NULL, "seq" bigint NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "state" jsonb NOT NULL, "built_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_replay_checkpoints" PRIMARY KEY ("scope", "seq"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "replay_checkpoints"`);
    await q.query(`DROP INDEX "public"."ix_events_occurred_at"`);
  }
}

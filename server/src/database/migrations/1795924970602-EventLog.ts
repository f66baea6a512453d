import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EventLog1795924970602 implements MigrationInterface {
  name = 'EventLog1795924970602';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "event_counter" ("id" integer NOT NULL, "last_seq" bigint NOT NULL, CONSTRAINT "ck_event_counter_single" CHECK (id = 1), CONSTRAINT "PK_00d3dfe0ac0504123cc31a340b7" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "events" ("seq" bigint NOT NULL, "type" character varying(64) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor" text NOT NULL, "subdistrict_codes" text array NOT NULL DEFAULT '{}', "contact_ids" uuid array NOT NULL DEFAULT '{}', "payload" jsonb NOT NULL, CONSTRAINT "PK_44840d7c5944a3bfbf21a6113d8" PRIMARY KEY ("seq"))`,
    );
    await q.query(`INSERT INTO "event_counter" ("id", "last_seq") VALUES (1, 0)`);
    await q.query(
      `CREATE INDEX "ix_events_subdistricts" ON "events" USING gin ("subdistrict_codes")`,
    );
    await q.query(`CREATE INDEX "ix_events_contacts" ON "events" USING gin ("contact_ids")`);
    // The log is the audit trail: rows are never changed or removed, whoever asks.
    await q.query(`CREATE FUNCTION "events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the event log is append-only (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(`CREATE TRIGGER "events_no_update_delete" BEFORE UPDATE OR DELETE ON "events"
      FOR EACH ROW EXECUTE FUNCTION "events_append_only"()`);
    await q.query(`CREATE TRIGGER "events_no_truncate" BEFORE TRUNCATE ON "events"
      FOR EACH STATEMENT EXECUTE FUNCTION "events_append_only"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "events_no_truncate" ON "events"`);
    await q.query(`DROP TRIGGER "events_no_update_delete" ON "events"`);
    await q.query(`DROP FUNCTION "events_append_only"()`);
    await q.query(`DROP TABLE "events"`);
    await q.query(`DROP TABLE "event_counter"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ResponsesDispatch1795926279571 implements MigrationInterface {
  name = 'ResponsesDispatch1795926279571';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "responses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "hazard" character varying(16) NOT NULL, "jurisdiction" character varying(12) NOT NULL, "level" character varying(12) NOT NULL, "status" character varying(8) NOT NULL DEFAULT 'active', "subdistrict_codes" text array NOT NULL DEFAULT '{}', "preemptive" boolean NOT NULL DEFAULT false, "warning_id" text, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "started_by" text NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_responses_level" CHECK (level IN ('attention', 'IV', 'III', 'II', 'I')), CONSTRAINT "ck_responses_hazard" CHECK (hazard IN ('flood', 'typhoon', 'drought', 'freeze')), CONSTRAINT "ck_responses_status" CHECK (status IN ('active', 'ended')), CONSTRAINT "PK_be3bdac59bd243dff421ad7bf70" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_responses_active" ON "responses" ("hazard", "jurisdiction") WHERE status = 'active'`,
    );
    await q.query(
      `CREATE TABLE "response_history" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "response_id" uuid NOT NULL, "action" character varying(8) NOT NULL, "previous_level" character varying(12), "level" character varying(12) NOT NULL, "previous_subdistrict_codes" text array, "subdistrict_codes" text array NOT NULL, "actor" text NOT NULL, "reason" text NOT NULL, "warning_id" text, "suggestion_id" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_744905416ab423d4bb7822667c8" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_response_history_response" ON "response_history" ("response_id", "id") `,
    );
    await q.query(
      `CREATE TABLE "response_suggestions" ("id" text NOT NULL, "warning_id" text NOT NULL, "hazard" character varying(16) NOT NULL, "level" character varying(12), "action" character varying(8) NOT NULL, "subdistrict_codes" text array NOT NULL, "reason" text NOT NULL, "auto_apply" boolean NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'pending', "response_id" uuid, "decided_by" text, "decided_at" TIMESTAMP WITH TIME ZONE, "note" text, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_1eacc5ceb343ac396ab1474adbf" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "dispatches" ("id" uuid NOT NULL, "response_id" uuid NOT NULL, "point_id" uuid NOT NULL, "contact_id" uuid NOT NULL, "subdistrict_code" character varying(12) NOT NULL, "role" character varying(32) NOT NULL, "phone" character varying(32) NOT NULL, "code" character varying(8) NOT NULL, "status" character varying(16) NOT NULL, "notified_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ack_deadline" TIMESTAMP WITH TIME ZONE NOT NULL, "arrive_deadline" TIMESTAMP WITH TIME ZONE, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "ack_late" boolean, "arrived_at" TIMESTAMP WITH TIME ZONE, "arrive_late" boolean, "arrival_lon" double precision, "arrival_lat" double precision, "arrival_distance_m" double precision, "arrival_far" boolean, "depth_m" double precision, "ack_step" smallint NOT NULL DEFAULT '0', "arrive_step" smallint NOT NULL DEFAULT '0', "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_dispatches_status" CHECK (status IN ('notified', 'acknowledged', 'on_site', 'escalated', 'stood_down')), CONSTRAINT "PK_e4f5defc12b20b66acf58f5c8b9" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_dispatches_contact" ON "dispatches" ("contact_id") `);
    await q.query(
      `CREATE INDEX "ix_dispatches_response" ON "dispatches" ("response_id", "status") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_dispatches_phone_code" ON "dispatches" ("phone", "code") WHERE closed_at IS NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_dispatches_live" ON "dispatches" ("response_id", "contact_id") WHERE status <> 'stood_down'`,
    );
    await q.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL, "batch_id" uuid NOT NULL, "dispatch_id" uuid, "kind" character varying(16) NOT NULL, "channel" character varying(16) NOT NULL, "recipient" text NOT NULL, "address" text NOT NULL, "text" text NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "lease_until" TIMESTAMP WITH TIME ZONE, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_notifications_status" CHECK (status IN ('pending', 'sending', 'delivered')), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_notifications_dispatch" ON "notifications" ("dispatch_id") `);
    await q.query(`CREATE INDEX "ix_notifications_created" ON "notifications" ("created_at") `);
    await q.query(
      `CREATE INDEX "ix_notifications_batch" ON "notifications" ("batch_id", "status") `,
    );
    // The history is the audit trail of decisions: rows are never changed or removed.
    await q.query(`CREATE TRIGGER "response_history_no_update_delete" BEFORE UPDATE OR DELETE ON "response_history"
      FOR EACH ROW EXECUTE FUNCTION "events_append_only"()`);
    await q.query(`CREATE TRIGGER "response_history_no_truncate" BEFORE TRUNCATE ON "response_history"
      FOR EACH STATEMENT EXECUTE FUNCTION "events_append_only"()`);
    // An ended response is never changed nor re-opened (start a new one); none is deleted.
    await q.query(`CREATE FUNCTION "responses_frozen_when_ended"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'responses are never deleted' USING ERRCODE = 'restrict_violation';
        END IF;
        IF OLD.status = 'ended' THEN
          RAISE EXCEPTION 'response % has ended and cannot change', OLD.id USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER "responses_frozen" BEFORE UPDATE OR DELETE ON "responses"
      FOR EACH ROW EXECUTE FUNCTION "responses_frozen_when_ended"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "responses_frozen" ON "responses"`);
    await q.query(`DROP FUNCTION "responses_frozen_when_ended"()`);
    await q.query(`DROP TRIGGER "response_history_no_truncate" ON "response_history"`);
    await q.query(`DROP TRIGGER "response_history_no_update_delete" ON "response_history"`);
    await q.query(`DROP INDEX "public"."ix_notifications_batch"`);
    await q.query(`DROP INDEX "public"."ix_notifications_created"`);
    await q.query(`DROP INDEX "public"."ix_notifications_dispatch"`);
    await q.query(`DROP TABLE "notifications"`);
    await q.query(`DROP INDEX "public"."uq_dispatches_live"`);
    await q.query(`DROP INDEX "public"."uq_dispatches_phone_code"`);
    await q.query(`DROP INDEX "public"."ix_dispatches_response"`);
    await q.query(`DROP INDEX "public"."ix_dispatches_contact"`);
    await q.query(`DROP TABLE "dispatches"`);
    await q.query(`DROP TABLE "response_suggestions"`);
    await q.query(`DROP INDEX "public"."ix_response_history_response"`);
    await q.query(`DROP TABLE "response_history"`);
    await q.query(`DROP INDEX "public"."uq_responses_active"`);
    await q.query(`DROP TABLE "responses"`);
  }
}

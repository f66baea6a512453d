import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Incidents1795926321726 implements MigrationInterface {
  name = 'Incidents1795926321726';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "incidents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" character varying(24) NOT NULL, "grade" character varying(24) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'reported', "title" text NOT NULL, "description" text NOT NULL DEFAULT '', "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "lon" double precision, "lat" double precision, "address" text, "subdistrict_code" character varying(12), "deaths" integer NOT NULL DEFAULT '0', "serious_injuries" integer NOT NULL DEFAULT '0', "missing" integer NOT NULL DEFAULT '0', "trapped" integer NOT NULL DEFAULT '0', "direct_loss_cny" double precision NOT NULL DEFAULT '0', "version" integer NOT NULL DEFAULT '1', "report_count" integer NOT NULL DEFAULT '1', "source" character varying(64) NOT NULL, "point_id" uuid, "sensor_alarm" boolean NOT NULL DEFAULT false, "status_history" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_incidents_lonlat" CHECK ((lon IS NULL) = (lat IS NULL)), CONSTRAINT "ck_incidents_counts" CHECK (deaths >= 0 AND serious_injuries >= 0 AND missing >= 0 AND trapped >= 0), CONSTRAINT "PK_ccb34c01719889017e2246469f9" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_incidents_point" ON "incidents" ("point_id") `);
    await q.query(`CREATE INDEX "ix_incidents_status" ON "incidents" ("status") `);
    await q.query(
      `CREATE INDEX "ix_incidents_type_occurred" ON "incidents" ("type", "occurred_at") `,
    );
    await q.query(
      `CREATE TABLE "incident_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "incident_id" uuid NOT NULL, "source" character varying(64) NOT NULL, "external_id" character varying(128) NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "type" character varying(24) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "description" text NOT NULL DEFAULT '', "body" jsonb NOT NULL, CONSTRAINT "PK_8b924dea33e3dd1ef1bbac02ad6" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_incident_reports_incident" ON "incident_reports" ("incident_id") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "ux_incident_reports_source" ON "incident_reports" ("source", "external_id") `,
    );
    await q.query(
      `CREATE TABLE "incident_versions" ("incident_id" uuid NOT NULL, "version" integer NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "changed_by" text NOT NULL, "reason" text NOT NULL, "snapshot" jsonb NOT NULL, CONSTRAINT "PK_751754208ff7fc1e7b755706b7d" PRIMARY KEY ("incident_id", "version"))`,
    );
    await q.query(
      `CREATE TABLE "incident_duty_rules" ("code" character varying(32) NOT NULL, "name" text NOT NULL, "trigger" character varying(16) NOT NULL, "target" character varying(16) NOT NULL, "channel" character varying(8) NOT NULL, "min_grade" character varying(24) NOT NULL, "max_grade" character varying(24), "due_after_seconds" integer NOT NULL, "escalate_after_seconds" integer NOT NULL, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_87916317c8c09df7164ef72832d" PRIMARY KEY ("code"))`,
    );
    await q.query(
      `CREATE TABLE "reporting_duties" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "incident_id" uuid NOT NULL, "rule_code" character varying(32) NOT NULL, "name" text NOT NULL, "target" character varying(16) NOT NULL, "grade" character varying(24) NOT NULL, "seq_no" integer NOT NULL DEFAULT '0', "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "escalate_after_seconds" integer NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "done_at" TIMESTAMP WITH TIME ZONE, "done_by" text, "note" text NOT NULL DEFAULT '', "on_time" boolean, "overdue_at" TIMESTAMP WITH TIME ZONE, "escalated_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3d95b09aec9447a2e511f4fcb71" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_reporting_duties_due" ON "reporting_duties" ("due_at") `);
    await q.query(
      `CREATE UNIQUE INDEX "ux_reporting_duties_step" ON "reporting_duties" ("incident_id", "rule_code", "grade", "seq_no") `,
    );
    await q.query(
      `CREATE TABLE "incident_assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "incident_id" uuid NOT NULL, "team_id" uuid NOT NULL, "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL, "assigned_by" text NOT NULL, "distance_m" double precision, CONSTRAINT "PK_7140b77abb0125ebded0362df89" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_incident_assignments_incident" ON "incident_assignments" ("incident_id") `,
    );
    await q.query(
      `CREATE TABLE "sensor_states" ("point_id" uuid NOT NULL, "depth_m" double precision NOT NULL, "measured_at" TIMESTAMP WITH TIME ZONE NOT NULL, "alarm" boolean NOT NULL DEFAULT false, "incident_id" uuid, CONSTRAINT "PK_65725382201717589dc4de1c725" PRIMARY KEY ("point_id"))`,
    );
    await q.query(
      `CREATE TABLE "duty_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "kind" character varying(16) NOT NULL, "author" text NOT NULL, "text" text NOT NULL, "event_seq" bigint, "corrects_id" bigint, "subdistrict_codes" text array NOT NULL DEFAULT '{}', "extra" jsonb, CONSTRAINT "PK_dfdac4d15c608d7ebdfe00ada69" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "ux_duty_log_event" ON "duty_log" ("event_seq") `);
    await q.query(`CREATE INDEX "ix_duty_log_at" ON "duty_log" ("at") `);
    await q.query(
      `ALTER TABLE "incident_reports" ADD CONSTRAINT "FK_7806ee49980d874a52fd2663f7a" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Append-only at the database: the duty log and incident history refuse UPDATE, DELETE
    // and TRUNCATE whoever connects (the API never offers them either).
    await q.query(
      `CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`,
    );
    for (const t of ['duty_log', 'incident_versions']) {
      await q.query(
        `CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON "${t}" FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
      );
      await q.query(
        `CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON "${t}" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`,
      );
    }
    await q.query(
      `ALTER TABLE "duty_log" ADD CONSTRAINT "fk_duty_log_corrects" FOREIGN KEY ("corrects_id") REFERENCES "duty_log"("id")`,
    );
    // Default reporting duties (DOMAIN.md, local duty rules); admins edit them via the API.
    await q.query(
      `INSERT INTO "incident_duty_rules" (code, name, trigger, target, channel, min_grade, max_grade, due_after_seconds, escalate_after_seconds) VALUES
       ('leader_notify', '电话报告带班领导', 'grade', 'leader_on_duty', 'phone', 'general', NULL, 600, 300),
       ('district_report', '报告区三防指挥部', 'grade', 'district', 'written', 'general', NULL, 1800, 600),
       ('city_phone', '电话报告市三防办', 'grade', 'city', 'phone', 'larger', 'larger', 1800, 600),
       ('city_written', '书面报告市三防办', 'grade', 'city', 'written', 'larger', 'larger', 3600, 900),
       ('city_phone_major', '电话报告市三防办（重大及以上）', 'grade', 'city', 'phone', 'major', NULL, 900, 300),
       ('city_written_major', '书面报告市三防办（重大及以上）', 'grade', 'city', 'written', 'major', NULL, 2100, 600),
       ('followup', '续报', 'followup', 'district', 'written', 'larger', NULL, 3600, 900),
       ('supplementary', '伤亡变化补报', 'casualty_change', 'district', 'written', 'general', NULL, 3600, 900)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "duty_log" DROP CONSTRAINT "fk_duty_log_corrects"`);
    for (const t of ['duty_log', 'incident_versions']) {
      await q.query(`DROP TRIGGER ${t}_no_truncate ON "${t}"`);
      await q.query(`DROP TRIGGER ${t}_append_only ON "${t}"`);
    }
    await q.query(`DROP FUNCTION refuse_change()`);
    await q.query(
      `ALTER TABLE "incident_reports" DROP CONSTRAINT "FK_7806ee49980d874a52fd2663f7a"`,
    );
    await q.query(`DROP INDEX "public"."ix_duty_log_at"`);
    await q.query(`DROP INDEX "public"."ux_duty_log_event"`);
    await q.query(`DROP TABLE "duty_log"`);
    await q.query(`DROP TABLE "sensor_states"`);
    await q.query(`DROP INDEX "public"."ix_incident_assignments_incident"`);
    await q.query(`DROP TABLE "incident_assignments"`);
    await q.query(`DROP INDEX "public"."ux_reporting_duties_step"`);
    await q.query(`DROP INDEX "public"."ix_reporting_duties_due"`);
    await q.query(`DROP TABLE "reporting_duties"`);
    await q.query(`DROP TABLE "incident_duty_rules"`);
    await q.query(`DROP TABLE "incident_versions"`);
    await q.query(`DROP INDEX "public"."ux_incident_reports_source"`);
    await q.query(`DROP INDEX "public"."ix_incident_reports_incident"`);
    await q.query(`DROP TABLE "incident_reports"`);
    await q.query(`DROP INDEX "public"."ix_incidents_type_occurred"`);
    await q.query(`DROP INDEX "public"."ix_incidents_status"`);
    await q.query(`DROP INDEX "public"."ix_incidents_point"`);
    await q.query(`DROP TABLE "incidents"`);
  }
}

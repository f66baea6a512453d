import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DutyDesk1796609794309 implements MigrationInterface {
  name = 'DutyDesk1796609794309';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "instructions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "from_name" text NOT NULL, "from_title" text NOT NULL, "from_level" character varying(16) NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_via" character varying(16) NOT NULL, "text" text NOT NULL, "concerns_kind" character varying(16), "concerns_id" uuid, "status" character varying(16) NOT NULL DEFAULT 'received', "registered_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, "closed_by" text, "closing_summary" text, CONSTRAINT "PK_1695991f6159e4ae33b136a67ef" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_instructions_concerns" ON "instructions" ("concerns_id") `);
    await q.query(
      `CREATE TABLE "instruction_assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "instruction_id" uuid NOT NULL, "unit_name" text NOT NULL, "unit_kind" character varying(16) NOT NULL, "unit_phone" text NOT NULL, "deadline" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "answer_text" text, "answered_by" text, "answered_via" character varying(8), "answered_at" TIMESTAMP WITH TIME ZONE, "recorded_by" text, "overdue_at" TIMESTAMP WITH TIME ZONE, "escalated_to" text array NOT NULL DEFAULT '{}', CONSTRAINT "PK_478e9ac167a93dc226726b5f45c" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_instruction_assignments_instruction" ON "instruction_assignments" ("instruction_id") `,
    );
    await q.query(
      `CREATE TABLE "report_recipients" ("code" character varying(32) NOT NULL, "name" text NOT NULL, "target" character varying(16) NOT NULL, "phone" text, "position" integer NOT NULL DEFAULT '0', "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_3f9e58d28f52215bc762c186bee" PRIMARY KEY ("code"))`,
    );
    await q.query(
      `CREATE TABLE "rota_gap_warnings" ("starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "warned_at" TIMESTAMP WITH TIME ZONE NOT NULL, "missing" text array NOT NULL, CONSTRAINT "PK_555f96c6a4cb281daf4a082bf11" PRIMARY KEY ("starts_at"))`,
    );
    await q.query(
      `CREATE TABLE "rota_shifts" ("starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "leader" jsonb, "chief" jsonb, "officers" jsonb NOT NULL DEFAULT '[]', "updated_by" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_9bf48737fc68377d20bc7bf36e0" PRIMARY KEY ("starts_at"))`,
    );
    await q.query(
      `CREATE TABLE "upward_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "incident_id" uuid NOT NULL, "duty_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "target" character varying(16) NOT NULL, "recipients" text array NOT NULL, "channel" character varying(16) NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_by" text NOT NULL, "late" boolean NOT NULL, "text" text NOT NULL, CONSTRAINT "PK_042f8c56c691ea3045b297318a3" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_upward_reports_incident" ON "upward_reports" ("incident_id") `);
    await q.query(`CREATE UNIQUE INDEX "ux_upward_reports_duty" ON "upward_reports" ("duty_id") `);
    // The recipients table: the city's three duty rooms and the district's (edit in place).
    await q.query(
      `INSERT INTO "report_recipients" ("code", "name", "target", "position") VALUES
         ('city_party', '市委值班室', 'city', 1),
         ('city_gov', '市政府值班室', 'city', 2),
         ('city_emergency', '市应急管理监测预警指挥中心', 'city', 3),
         ('district_party', '区委值班室', 'district', 1),
         ('district_gov', '区政府值班室', 'district', 2)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ux_upward_reports_duty"`);
    await q.query(`DROP INDEX "public"."ix_upward_reports_incident"`);
    await q.query(`DROP TABLE "upward_reports"`);
    await q.query(`DROP TABLE "rota_shifts"`);
    await q.query(`DROP TABLE "rota_gap_warnings"`);
    await q.query(`DROP TABLE "report_recipients"`);
    await q.query(`DROP INDEX "public"."ix_instruction_assignments_instruction"`);
    await q.query(`DROP TABLE "instruction_assignments"`);
    await q.query(`DROP INDEX "public"."ix_instructions_concerns"`);
    await q.query(`DROP TABLE "instructions"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Warnings1795928597753 implements MigrationInterface {
  name = 'Warnings1795928597753';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "cap_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sender" text NOT NULL, "identifier" text NOT NULL, "sent" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(10) NOT NULL, "msg_type" character varying(10) NOT NULL, "scope" character varying(10) NOT NULL, "references" jsonb NOT NULL DEFAULT '[]', "raw_xml" text NOT NULL, "sha256" character(64) NOT NULL, "source" character varying(4) NOT NULL, "received_via" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "warning_id" uuid, "orphan" boolean NOT NULL DEFAULT false, "outcome" character varying(20) NOT NULL, "hazard" text, "colour" character varying(8), "severity" character varying(12) NOT NULL DEFAULT '', "event" text NOT NULL DEFAULT '', "headline" text NOT NULL DEFAULT '', "description" text NOT NULL DEFAULT '', "instruction" text NOT NULL DEFAULT '', "lifted" boolean NOT NULL DEFAULT false, "effective" TIMESTAMP WITH TIME ZONE, "expires" TIMESTAMP WITH TIME ZONE, "subdistrict_codes" text array NOT NULL DEFAULT '{}', "district_wide" boolean NOT NULL DEFAULT false, "in_district" boolean NOT NULL DEFAULT false, "areas" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "PK_d2d6f6bc0025839da423c7bf387" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_cap_messages_orphans" ON "cap_messages" ("sent") WHERE "orphan"`,
    );
    await q.query(
      `CREATE INDEX "IDX_321ca903be8b1132710b123d47" ON "cap_messages" ("warning_id") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_7af90fe155f291427188abc04d" ON "cap_messages" ("sender", "identifier", "sent") `,
    );
    await q.query(
      `CREATE TABLE "warnings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "current_message_id" uuid NOT NULL, "current_sent" TIMESTAMP WITH TIME ZONE NOT NULL, "hazard" text NOT NULL, "colour" character varying(8), "level" character varying(4), "severity" character varying(12) NOT NULL, "status" character varying(10) NOT NULL, "state" character varying(12) NOT NULL, "headline" text NOT NULL, "subdistrict_codes" text array NOT NULL DEFAULT '{}', "district_wide" boolean NOT NULL, "in_district" boolean NOT NULL, "expires" TIMESTAMP WITH TIME ZONE, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "superseded_by" uuid, CONSTRAINT "PK_90d86ac75b7dcd1e29e9755e78e" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_ffdda7816718b6519370dfa162" ON "warnings" ("state") `);
    await q.query(
      `CREATE TABLE "response_rules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "hazard" text NOT NULL, "colour" character varying(8) NOT NULL, "response_hazard" character varying(10) NOT NULL, "level" character varying(10) NOT NULL, "auto_apply" boolean NOT NULL DEFAULT false, "note" text NOT NULL DEFAULT '', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a43b0059981bca19ae16bd8649e" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_98556ee0bd965ba50719cab332" ON "response_rules" ("hazard", "colour") `,
    );
    await q.query(
      `CREATE TABLE "warning_suggestions" ("id" uuid NOT NULL, "warning_id" uuid NOT NULL, "hazard" character varying(10) NOT NULL, "level" character varying(10), "action" character varying(8) NOT NULL, "reason" text NOT NULL, "auto_apply" boolean NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2936d0aab382840f9ca2b9fd686" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "cap_pull_feeds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "url" text NOT NULL, "allowed_hosts" text array NOT NULL, "interval_s" integer NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "next_poll_at" TIMESTAMP WITH TIME ZONE, "etag" text, "last_modified" text, "last_poll_at" TIMESTAMP WITH TIME ZONE, "last_success_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "last_error_at" TIMESTAMP WITH TIME ZONE, "entries_ingested" integer NOT NULL DEFAULT '0', "entries_quarantined" integer NOT NULL DEFAULT '0', "not_modified" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_85ded5388686088bb77b05353a6" UNIQUE ("name"), CONSTRAINT "PK_f3e2c0852c4251457bb3d4ce52a" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "cap_pull_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "feed_id" uuid NOT NULL, "entry_id" text NOT NULL, "url" text NOT NULL, "status" character varying(12) NOT NULL, "reason" text, "message_id" uuid, "fetched_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9155bd5d6903a0121754892d68e" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_1757647e2181e431d16e07965d" ON "cap_pull_entries" ("feed_id", "url") `,
    );
    // Suggestion table defaults from DOMAIN.md (typhoon seen in practice; rainstorm rows are
    // configurable defaults to verify per jurisdiction). auto_apply is off everywhere.
    await q.query(
      `INSERT INTO "response_rules" ("hazard", "colour", "response_hazard", "level", "note") VALUES
        ('typhoon', 'white', 'typhoon', 'attention', 'DOMAIN.md: seen in practice'),
        ('typhoon', 'blue', 'typhoon', 'IV', 'DOMAIN.md: seen in practice'),
        ('typhoon', 'yellow', 'typhoon', 'III', 'DOMAIN.md: seen in practice (2021-10-12)'),
        ('typhoon', 'orange', 'typhoon', 'II', 'configurable default (verify)'),
        ('typhoon', 'red', 'typhoon', 'I', 'configurable default (verify)'),
        ('rainstorm', 'yellow', 'flood', 'attention', 'configurable default (verify): attention or IV'),
        ('rainstorm', 'orange', 'flood', 'IV', 'configurable default (verify): flood response per plan'),
        ('rainstorm', 'red', 'flood', 'III', 'configurable default (verify)')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_1757647e2181e431d16e07965d"`);
    await q.query(`DROP TABLE "cap_pull_entries"`);
    await q.query(`DROP TABLE "cap_pull_feeds"`);
    await q.query(`DROP TABLE "warning_suggestions"`);
    await q.query(`DROP INDEX "public"."IDX_98556ee0bd965ba50719cab332"`);
    await q.query(`DROP TABLE "response_rules"`);
    await q.query(`DROP INDEX "public"."IDX_ffdda7816718b6519370dfa162"`);
    await q.query(`DROP TABLE "warnings"`);
    await q.query(`DROP INDEX "public"."IDX_7af90fe155f291427188abc04d"`);
    await q.query(`DROP INDEX "public"."IDX_321ca903be8b1132710b123d47"`);
    await q.query(`DROP INDEX "public"."IDX_cap_messages_orphans"`);
    await q.query(`DROP TABLE "cap_messages"`);
  }
}

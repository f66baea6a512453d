import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notices1795925114056 implements MigrationInterface {
  name = 'Notices1795925114056';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "notices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "text" text NOT NULL, "level" character varying(16) NOT NULL, "subdistrict_codes" text array NOT NULL DEFAULT '{}', "author" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_notices_level" CHECK (level IN ('info', 'warning', 'urgent')), CONSTRAINT "PK_3eb18c29da25d6935fcbe584237" PRIMARY KEY ("id"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "notices"`);
  }
}

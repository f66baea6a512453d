import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UserAdmin1796599368906 implements MigrationInterface {
  name = 'UserAdmin1796599368906';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "revoked_sessions" ("jti" uuid NOT NULL, "user_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_1c7027756a60b01d0669c1a1db6" PRIMARY KEY ("jti"))`,
    );
    await q.query(
      `CREATE INDEX "ix_revoked_sessions_expires_at" ON "revoked_sessions" ("expires_at") `,
    );
    await q.query(`ALTER TABLE "users" ADD "session_version" integer NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE "users" ADD "deleted_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP COLUMN "deleted_at"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "session_version"`);
    await q.query(`DROP INDEX "public"."ix_revoked_sessions_expires_at"`);
    await q.query(`DROP TABLE "revoked_sessions"`);
  }
}

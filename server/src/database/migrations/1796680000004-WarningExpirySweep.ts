import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Warnings expire by a sweep over this index (WarningsService.sweepExpired), no longer by a
 * pg-boss job scheduled with every CAP message (issue 21). Jobs already scheduled still fire.
 */
export class WarningExpirySweep1796680000004 implements MigrationInterface {
  name = 'WarningExpirySweep1796680000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_warnings_expiring" ON "warnings" ("expires") WHERE state = 'active'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_warnings_expiring"`);
  }
}

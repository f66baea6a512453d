import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 叫应 call messages get their own column: until now their call's id sat in `dispatch_id`.
 * Existing rows are moved over (any `dispatch_id` that is a call's id).
 */
export class NotificationCallId1796610000001 implements MigrationInterface {
  name = 'NotificationCallId1796610000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notifications" ADD "call_id" uuid`);
    await q.query(
      `UPDATE notifications n SET call_id = n.dispatch_id, dispatch_id = NULL
         FROM calls c WHERE c.id = n.dispatch_id`,
    );
    await q.query(
      `CREATE INDEX "ix_notifications_call" ON "notifications" ("call_id") WHERE call_id IS NOT NULL`,
    );
    await q.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "notifications_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notifications" DROP CONSTRAINT "notifications_call_id_fkey"`);
    await q.query(`DROP INDEX "public"."ix_notifications_call"`);
    await q.query(
      `UPDATE notifications SET dispatch_id = call_id WHERE call_id IS NOT NULL AND dispatch_id IS NULL`,
    );
    await q.query(`ALTER TABLE "notifications" DROP COLUMN "call_id"`);
  }
}

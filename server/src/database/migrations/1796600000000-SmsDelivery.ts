import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SMPP delivery: priority, delivery state with the gateway's ids and receipts, voice fallback. */
export class SmsDelivery1796600000000 implements MigrationInterface {
  name = 'SmsDelivery1796600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notifications" ADD "priority" smallint NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE "notifications" ADD "duty" character varying(40)`);
    await q.query(
      `ALTER TABLE "notifications" ADD "delivery_state" character varying(12) NOT NULL DEFAULT 'queued'`,
    );
    await q.query(`ALTER TABLE "notifications" ADD "gateway_ids" text array`);
    await q.query(`ALTER TABLE "notifications" ADD "receipted_ids" text array`);
    await q.query(`ALTER TABLE "notifications" ADD "delivery_error" text`);
    await q.query(`ALTER TABLE "notifications" ADD "submitted_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "notifications" ADD "receipt_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "notifications" ADD "fallback_of" uuid`);
    await q.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "ck_notifications_delivery_state" CHECK (delivery_state IN ('queued', 'submitting', 'submitted', 'delivered', 'failed', 'expired'))`,
    );
    await q.query(
      `CREATE INDEX "ix_notifications_gateway_ids" ON "notifications" USING gin ("gateway_ids")`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_notifications_fallback_of" ON "notifications" ("fallback_of") WHERE fallback_of IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "ix_notifications_unsent" ON "notifications" ("priority", "created_at") WHERE status <> 'delivered'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_notifications_unsent"`);
    await q.query(`DROP INDEX "public"."uq_notifications_fallback_of"`);
    await q.query(`DROP INDEX "public"."ix_notifications_gateway_ids"`);
    await q.query(`ALTER TABLE "notifications" DROP CONSTRAINT "ck_notifications_delivery_state"`);
    for (const c of [
      'fallback_of',
      'receipt_at',
      'submitted_at',
      'delivery_error',
      'receipted_ids',
      'gateway_ids',
      'delivery_state',
      'duty',
      'priority',
    ])
      await q.query(`ALTER TABLE "notifications" DROP COLUMN "${c}"`);
  }
}

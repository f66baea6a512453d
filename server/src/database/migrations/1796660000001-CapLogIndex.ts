import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The CAP log pages newest first (received time, then id) without sorting every message. */
export class CapLogIndex1796660000001 implements MigrationInterface {
  name = 'CapLogIndex1796660000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_cap_messages_received" ON "cap_messages" ("received_at", "id") `,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_cap_messages_received"`);
  }
}

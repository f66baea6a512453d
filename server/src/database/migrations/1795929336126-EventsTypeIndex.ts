import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EventsTypeIndex1795929336126 implements MigrationInterface {
  name = 'EventsTypeIndex1795929336126';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_events_type_seq" ON "events" ("type", "seq") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_events_type_seq"`);
  }
}

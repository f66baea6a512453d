import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReactorCursors1795925966149 implements MigrationInterface {
  name = 'ReactorCursors1795925966149';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "reactor_cursors" ("name" character varying(64) NOT NULL, "position" bigint NOT NULL, CONSTRAINT "PK_716ce7d5cefb586627e732fe13f" PRIMARY KEY ("name"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "reactor_cursors"`);
  }
}

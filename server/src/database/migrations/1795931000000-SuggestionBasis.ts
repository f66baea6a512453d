import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A response suggestion keeps why it was made (the warning's change, headline, hazard and
 * colour, and the table row), so the console words it in the reader's language instead of
 * showing the English `reason`. Rows from before stay null.
 */
export class SuggestionBasis1795931000000 implements MigrationInterface {
  name = 'SuggestionBasis1795931000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "response_suggestions" ADD "basis" jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "response_suggestions" DROP COLUMN "basis"`);
  }
}

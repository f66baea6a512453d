import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Real publishers' CAP (issue 24): bytes as received and their encoding, signature state and
 * trusted certificates per feed, assumed expiry, per-language texts, warnings started by an
 * Update whose Alert was never received. lineage_read leaves out the new raw bytes as it
 * leaves out raw_xml.
 */
export class CapCorpus1795940000000 implements MigrationInterface {
  name = 'CapCorpus1795940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cap_messages
      ADD COLUMN raw_bytes bytea,
      ADD COLUMN encoding varchar(20) NOT NULL DEFAULT 'utf-8',
      ADD COLUMN signature varchar(10) NOT NULL DEFAULT 'absent',
      ADD COLUMN signed_by text,
      ADD COLUMN expires_assumed boolean NOT NULL DEFAULT false,
      ADD COLUMN texts jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE warnings
      ADD COLUMN expires_assumed boolean NOT NULL DEFAULT false,
      ADD COLUMN missing_earlier boolean NOT NULL DEFAULT false`);
    await q.query(
      `ALTER TABLE feed_tokens ADD COLUMN trusted_certificates text[] NOT NULL DEFAULT '{}'`,
    );
    await q.query(
      `ALTER TABLE cap_pull_feeds ADD COLUMN trusted_certificates text[] NOT NULL DEFAULT '{}'`,
    );
    await q.query(lineageRead(`- 'raw_xml' - 'raw_bytes'`));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(lineageRead(`- 'raw_xml'`));
    await q.query(`ALTER TABLE cap_pull_feeds DROP COLUMN trusted_certificates`);
    await q.query(`ALTER TABLE feed_tokens DROP COLUMN trusted_certificates`);
    await q.query(`ALTER TABLE warnings DROP COLUMN expires_assumed, DROP COLUMN missing_earlier`);
    await q.query(`ALTER TABLE cap_messages
      DROP COLUMN raw_bytes, DROP COLUMN encoding, DROP COLUMN signature, DROP COLUMN signed_by,
      DROP COLUMN expires_assumed, DROP COLUMN texts`);
  }
}

/** LineageReadFunction's text, with what each message row leaves out. */
export const lineageRead = (drop: string): string => `
      CREATE OR REPLACE FUNCTION lineage_read(keys jsonb, selves jsonb)
        RETURNS TABLE (messages jsonb, orphans jsonb, warnings jsonb, rules jsonb)
        LANGUAGE plpgsql VOLATILE
        SET plan_cache_mode = force_custom_plan
        AS $fn$
      BEGIN
        RETURN QUERY
        WITH k AS (
          SELECT * FROM jsonb_to_recordset(keys) AS k(sender text, identifier text, sent timestamptz)),
        wanted AS (
          SELECT c.* FROM cap_messages c
           WHERE (c.sender, c.identifier, c.sent) IN (SELECT k.sender, k.identifier, k.sent FROM k))
        SELECT
          (SELECT coalesce(jsonb_agg(to_jsonb(c) ${drop}), '[]') FROM wanted c),
          (SELECT coalesce(jsonb_agg(to_jsonb(c) ${drop}), '[]') FROM cap_messages c
            WHERE c.orphan AND c."references" @> ANY (
                  SELECT jsonb_build_array(x) FROM jsonb_array_elements(selves) x)),
          (SELECT coalesce(jsonb_agg(to_jsonb(w)), '[]') FROM warnings w
            WHERE (w.state = 'active' AND w.status = 'Actual' AND w.in_district)
               OR w.id IN (SELECT wanted.warning_id FROM wanted)),
          (SELECT coalesce(jsonb_agg(to_jsonb(r) ORDER BY r.hazard, r.colour), '[]')
             FROM response_rules r);
      END
      $fn$`;

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { lineageRead } from './1795940000000-CapCorpus';

/**
 * lineage_read finds a batch's messages by key one index probe each (issue 21). The planner
 * cannot know how many keys `jsonb_to_recordset` yields (it assumes 100), so against a
 * `cap_messages` of a few thousand rows it hash-joined them with a sequential scan of the whole
 * table on every batch: 2.3 ms a batch of four messages under bench:ingest, growing with the
 * table. A LATERAL probe per key with LIMIT 1 (the key is unique) cannot be turned into that
 * join. Same rows, same result.
 *
 * And it is planned once per connection again, no longer on every call (force_custom_plan):
 * that setting kept a plan made while the tables were nearly empty from scanning them whole
 * once a storm had filled them, and no plan of this text can any more: the messages are
 * probed by key, the orphans through their partial index, and an ANALYZE of a grown table
 * invalidates a kept plan anyway. Planning was 0.5–0.9 ms of a 1.3–2.8 ms call.
 */
export class LineageReadByKey1796680000002 implements MigrationInterface {
  name = 'LineageReadByKey1796680000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION lineage_read(keys jsonb, selves jsonb)
        RETURNS TABLE (messages jsonb, orphans jsonb, warnings jsonb, rules jsonb)
        LANGUAGE plpgsql VOLATILE
        AS $fn$
      BEGIN
        RETURN QUERY
        WITH k AS (
          SELECT * FROM jsonb_to_recordset(keys) AS k(sender text, identifier text, sent timestamptz)),
        wanted AS (
          SELECT c.* FROM k CROSS JOIN LATERAL (
            SELECT * FROM cap_messages m
             WHERE m.sender = k.sender AND m.identifier = k.identifier AND m.sent = k.sent
             LIMIT 1) c)
        SELECT
          (SELECT coalesce(jsonb_agg(to_jsonb(c) - 'raw_xml' - 'raw_bytes'), '[]') FROM wanted c),
          (SELECT coalesce(jsonb_agg(to_jsonb(c) - 'raw_xml' - 'raw_bytes'), '[]') FROM cap_messages c
            WHERE c.orphan AND c."references" @> ANY (
                  SELECT jsonb_build_array(x) FROM jsonb_array_elements(selves) x)),
          (SELECT coalesce(jsonb_agg(to_jsonb(w)), '[]') FROM warnings w
            WHERE (w.state = 'active' AND w.status = 'Actual' AND w.in_district)
               OR w.id IN (SELECT wanted.warning_id FROM wanted)),
          (SELECT coalesce(jsonb_agg(to_jsonb(r) ORDER BY r.hazard, r.colour), '[]')
             FROM response_rules r);
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(lineageRead(`- 'raw_xml' - 'raw_bytes'`));
  }
}

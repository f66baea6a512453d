import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read of a CAP ingest batch (LineageStore.readSql) as a function: the server parses and
 * analyses its text once per connection instead of on every batch (it is still planned on
 * each call). Called after the lineage lock, in a separate statement, so its query sees what
 * the lock waited for.
 */
export class LineageReadFunction1795930000000 implements MigrationInterface {
  name = 'LineageReadFunction1795930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION lineage_read(keys jsonb, selves jsonb)
        RETURNS TABLE (messages jsonb, orphans jsonb, warnings jsonb, rules jsonb)
        LANGUAGE plpgsql VOLATILE
        -- Planned on each call, as the text was: a plan kept from when the tables were
        -- nearly empty would scan them whole once a storm has filled them.
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
          (SELECT coalesce(jsonb_agg(to_jsonb(c) - 'raw_xml'), '[]') FROM wanted c),
          (SELECT coalesce(jsonb_agg(to_jsonb(c) - 'raw_xml'), '[]') FROM cap_messages c
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
    await q.query(`DROP FUNCTION lineage_read(jsonb, jsonb)`);
  }
}

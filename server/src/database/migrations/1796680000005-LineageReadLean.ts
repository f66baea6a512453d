import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LineageReadByKey1796680000002 } from './1796680000002-LineageReadByKey';

/**
 * lineage_read returns only the lineage columns of the messages it finds by key (issue 21).
 * Those are a batch's own keys (duplicates) and the messages its messages reference; lineage
 * reads their identity, references, warning, orphan flag and outcome, nothing else. Building
 * each whole row as JSON (areas, texts, description) was most of the call: 0.07 ms a message
 * on the bench's rows, 0.4–0.8 ms of a 1.3 ms call, inside the lineage lock. Orphans, which
 * lineage applies as warnings, still come whole (LineageStore fills a message read lean when
 * the same message also comes whole).
 *
 * And it returns the warnings of the orphans too. Only live warnings (Actual, in the
 * district) and the warnings of the messages found by key came back, while the store takes
 * every message's warning it was not given as "no such warning": an Update of a drill or of
 * another district, shown as its own warning before its Alert, had that Alert start a second
 * warning when it arrived late instead of joining the first.
 *
 * The live warnings, which suggestions weigh before and after each change, come apart as a
 * summary each (a new column, `live`): what a response rule reads of them. A whole row each
 * was 0.03 ms; on a storm night's forty live warnings, 1.4 ms of every batch, against 0.3.
 */
export class LineageReadLean1796680000005 implements MigrationInterface {
  name = 'LineageReadLean1796680000005';

  async up(q: QueryRunner): Promise<void> {
    // A new column: the function's row type changes, so it is made anew.
    await q.query(`DROP FUNCTION lineage_read(jsonb, jsonb)`);
    await q.query(`
      CREATE FUNCTION lineage_read(keys jsonb, selves jsonb)
        RETURNS TABLE (messages jsonb, orphans jsonb, warnings jsonb, live jsonb, rules jsonb)
        LANGUAGE plpgsql VOLATILE
        AS $fn$
      BEGIN
        RETURN QUERY
        WITH k AS (
          SELECT * FROM jsonb_to_recordset(keys) AS k(sender text, identifier text, sent timestamptz)),
        wanted AS (
          SELECT c.* FROM k CROSS JOIN LATERAL (
            SELECT m.id, m.sender, m.identifier, m.sent, m.status, m.msg_type, m."references",
                   m.warning_id, m.orphan, m.outcome
              FROM cap_messages m
             WHERE m.sender = k.sender AND m.identifier = k.identifier AND m.sent = k.sent
             LIMIT 1) c),
        orphans AS (
          SELECT c.* FROM cap_messages c
           WHERE c.orphan AND c."references" @> ANY (
                 SELECT jsonb_build_array(x) FROM jsonb_array_elements(selves) x))
        SELECT
          (SELECT coalesce(jsonb_agg(to_jsonb(c)), '[]') FROM wanted c),
          (SELECT coalesce(jsonb_agg(to_jsonb(c) - 'raw_xml' - 'raw_bytes'), '[]') FROM orphans c),
          (SELECT coalesce(jsonb_agg(to_jsonb(w)), '[]') FROM warnings w
            WHERE w.id IN (SELECT warning_id FROM wanted UNION ALL SELECT warning_id FROM orphans)),
          (SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'id', w.id, 'hazard', w.hazard, 'colour', w.colour,
                    'subdistrict_codes', w.subdistrict_codes, 'district_wide', w.district_wide)), '[]')
             FROM warnings w
            WHERE w.state = 'active' AND w.status = 'Actual' AND w.in_district),
          (SELECT coalesce(jsonb_agg(to_jsonb(r) ORDER BY r.hazard, r.colour), '[]')
             FROM response_rules r);
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION lineage_read(jsonb, jsonb)`);
    await new LineageReadByKey1796680000002().up(q);
  }
}

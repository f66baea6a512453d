import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 13: member units, responsible persons, the 叫应 table, call rounds, calls and drills. */
export class LastMile1796600130000 implements MigrationInterface {
  name = 'LastMile1796600130000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE member_units (
      code varchar(16) PRIMARY KEY,
      name text NOT NULL,
      kind varchar(16) NOT NULL CHECK (kind IN ('subdistrict', 'department', 'enterprise')),
      subdistrict_code varchar(12) REFERENCES subdistricts(code))`);
    await q.query(`CREATE TABLE responsible_persons (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      phone varchar(32) NOT NULL,
      phone2 varchar(32),
      unit_code varchar(16) NOT NULL REFERENCES member_units(code),
      subdistrict_code varchar(12) NOT NULL REFERENCES subdistricts(code),
      duty varchar(24) NOT NULL CHECK (duty IN ('subdistrict_head', 'unit_head', 'community',
        'reservoir', 'river', 'slope', 'liaison')),
      backup_id uuid REFERENCES responsible_persons(id) ON DELETE SET NULL,
      leader boolean NOT NULL DEFAULT false,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX ix_persons_unit ON responsible_persons (unit_code)`);
    await q.query(`CREATE INDEX ix_persons_subdistrict ON responsible_persons (subdistrict_code)`);
    await q.query(`CREATE INDEX ix_persons_phone ON responsible_persons (phone)`);
    await q.query(`CREATE TABLE call_rules (
      hazard varchar(40) NOT NULL,
      colour varchar(8) NOT NULL CHECK (colour IN ('blue', 'yellow', 'orange', 'red')),
      duties text[] NOT NULL,
      point_contacts boolean NOT NULL DEFAULT false,
      PRIMARY KEY (hazard, colour))`);
    await q.query(`INSERT INTO call_rules (hazard, colour, duties, point_contacts) VALUES
      ('*', 'blue', '{subdistrict_head}', false),
      ('*', 'yellow', '{subdistrict_head,unit_head,community}', false),
      ('*', 'orange', '{subdistrict_head,unit_head,community,reservoir,river,slope}', false),
      ('*', 'red', '{subdistrict_head,unit_head,community,reservoir,river,slope,liaison}', true)`);
    await q.query(`CREATE TABLE drills (
      id uuid PRIMARY KEY,
      scope varchar(12) NOT NULL CHECK (scope IN ('district', 'subdistrict', 'unit')),
      code varchar(16),
      note text NOT NULL DEFAULT '',
      started_by text NOT NULL,
      started_at timestamptz NOT NULL)`);
    await q.query(`CREATE TABLE call_rounds (
      id uuid PRIMARY KEY,
      warning_id uuid,
      drill_id uuid REFERENCES drills(id),
      drill boolean NOT NULL,
      reason varchar(12) NOT NULL,
      hazard varchar(40),
      colour varchar(8),
      headline text NOT NULL,
      expires timestamptz,
      started_at timestamptz NOT NULL,
      step smallint NOT NULL DEFAULT 0,
      CHECK ((warning_id IS NULL) <> (drill_id IS NULL)))`);
    await q.query(`CREATE INDEX ix_call_rounds_warning ON call_rounds (warning_id)`);
    await q.query(`CREATE TABLE calls (
      id uuid PRIMARY KEY,
      round_id uuid NOT NULL REFERENCES call_rounds(id),
      warning_id uuid,
      drill_id uuid,
      drill boolean NOT NULL,
      person_id uuid REFERENCES responsible_persons(id) ON DELETE SET NULL,
      contact_id uuid,
      name text NOT NULL,
      phone varchar(32) NOT NULL,
      unit_code varchar(16),
      subdistrict_code varchar(12),
      duty varchar(32) NOT NULL,
      code varchar(8) NOT NULL,
      called_at timestamptz NOT NULL,
      deadline timestamptz NOT NULL,
      answered_at timestamptz,
      answered_late boolean,
      answered_by text,
      step smallint NOT NULL DEFAULT 0,
      notified_phones text[] NOT NULL,
      status varchar(12) NOT NULL CHECK (status IN ('called', 'answered', 'escalated', 'stood_down')),
      closed_at timestamptz)`);
    await q.query(`CREATE INDEX ix_calls_round ON calls (round_id)`);
    await q.query(`CREATE INDEX ix_calls_warning ON calls (warning_id)`);
    await q.query(`CREATE INDEX ix_calls_drill ON calls (drill_id)`);
    await q.query(`CREATE INDEX ix_calls_code ON calls (code) WHERE closed_at IS NULL`);
    await q.query(`CREATE INDEX ix_calls_person ON calls (person_id)`);
    await q.query(`CREATE INDEX ix_calls_phone ON calls (phone)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calls`);
    await q.query(`DROP TABLE call_rounds`);
    await q.query(`DROP TABLE drills`);
    await q.query(`DROP TABLE call_rules`);
    await q.query(`DROP TABLE responsible_persons`);
    await q.query(`DROP TABLE member_units`);
  }
}

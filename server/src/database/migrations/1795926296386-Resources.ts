import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Resources1795926296386 implements MigrationInterface {
  name = 'Resources1795926296386';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "resource_active_responses" ("response_id" character varying(64) NOT NULL, "hazard" character varying(16) NOT NULL, "level" character varying(16) NOT NULL, "subdistrict_codes" text array NOT NULL DEFAULT '{}', CONSTRAINT "PK_d9ca9653fb621444ccb1d891e82" PRIMARY KEY ("response_id"))`,
    );
    await q.query(
      `CREATE TABLE "resource_coverage_gaps" ("subdistrict_code" character varying(12) NOT NULL, "response_ids" text array NOT NULL DEFAULT '{}', "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_13da5bf0119768a7eba6cb3b2a8" PRIMARY KEY ("subdistrict_code"))`,
    );
    await q.query(
      `CREATE TABLE "shelter_proposals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "response_id" character varying(64) NOT NULL, "level" character varying(16) NOT NULL, "shelter_ids" uuid array NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "decided_by" text, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_shelter_proposals_status" CHECK (status IN ('pending', 'accepted', 'dismissed')), CONSTRAINT "PK_a43e63f73470923b80f22eb6603" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_shelter_proposals_response" ON "shelter_proposals" ("response_id") `,
    );
    await q.query(
      `CREATE TABLE "stock_movements" ("id" BIGSERIAL NOT NULL, "stock_item_id" uuid NOT NULL, "warehouse_id" uuid NOT NULL, "sku" character varying(32) NOT NULL, "kind" character varying(16) NOT NULL, "quantity" integer NOT NULL, "balance_after" integer NOT NULL, "reason" text NOT NULL DEFAULT '', "actor" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_stock_movements_quantity" CHECK (quantity >= 0 AND balance_after >= 0), CONSTRAINT "ck_stock_movements_kind" CHECK (kind IN ('opening', 'issue', 'receive')), CONSTRAINT "PK_57a26b190618550d8e65fb860e7" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_stock_movements_item" ON "stock_movements" ("stock_item_id", "id") `,
    );
    await q.query(`ALTER TABLE "rescue_teams" ADD "pos_lon" double precision`);
    await q.query(`ALTER TABLE "rescue_teams" ADD "pos_lat" double precision`);
    await q.query(`ALTER TABLE "rescue_teams" ADD "last_seen_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "rescue_teams" ADD "stale_announced_for" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "shelters" ADD "occupancy_day" integer NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE "shelters" ADD "occupancy_night" integer NOT NULL DEFAULT '0'`);
    await q.query(
      `ALTER TABLE "shelters" ADD "alarm_level" character varying(16) NOT NULL DEFAULT 'none'`,
    );
    await q.query(`ALTER TABLE "shelters" ADD "manager_link_version" integer NOT NULL DEFAULT '0'`);
    await q.query(
      `ALTER TABLE "rescue_teams" ADD CONSTRAINT "ck_teams_status" CHECK (status IN ('standby', 'assigned', 'en_route', 'on_scene', 'returning', 'off_duty'))`,
    );
    await q.query(
      `ALTER TABLE "shelters" ADD CONSTRAINT "ck_shelters_alarm" CHECK (alarm_level IN ('none', 'near_full', 'full'))`,
    );
    await q.query(
      `ALTER TABLE "shelters" ADD CONSTRAINT "ck_shelters_period_counts" CHECK (occupancy_day >= 0 AND occupancy_night >= 0)`,
    );

    // Backfill: existing headcounts count as daytime; existing stock opens the ledger.
    await q.query(`UPDATE "shelters" SET "occupancy_day" = "occupancy"`);
    // The ledger is append-only: corrections are new movements, never edits.
    await q.query(`CREATE FUNCTION stock_movements_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'stock_movements is append-only (% refused)', TG_OP USING ERRCODE = 'P0001';
      END $$`);
    await q.query(`CREATE TRIGGER tr_stock_movements_append_only BEFORE UPDATE OR DELETE ON "stock_movements"
      FOR EACH ROW EXECUTE FUNCTION stock_movements_append_only()`);
    await q.query(`CREATE TRIGGER tr_stock_movements_no_truncate BEFORE TRUNCATE ON "stock_movements"
      FOR EACH STATEMENT EXECUTE FUNCTION stock_movements_append_only()`);
    // Every stock line starts with an opening movement, however it was inserted (seed, import,
    // API), so the ledger always sums to the quantity.
    await q.query(`CREATE FUNCTION stock_items_opening_movement() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO stock_movements (stock_item_id, warehouse_id, sku, kind, quantity, balance_after, reason, actor)
        VALUES (NEW.id, NEW.warehouse_id, NEW.sku, 'opening', NEW.quantity, NEW.quantity, 'opening balance', 'system');
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER tr_stock_items_opening AFTER INSERT ON "stock_items"
      FOR EACH ROW EXECUTE FUNCTION stock_items_opening_movement()`);
    await q.query(`INSERT INTO stock_movements (stock_item_id, warehouse_id, sku, kind, quantity, balance_after, reason, actor)
      SELECT id, warehouse_id, sku, 'opening', quantity, quantity, 'opening balance', 'system' FROM stock_items ORDER BY warehouse_id, sku`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_stock_items_opening ON "stock_items"`);
    await q.query(`DROP FUNCTION stock_items_opening_movement()`);
    await q.query(`DROP TRIGGER tr_stock_movements_no_truncate ON "stock_movements"`);
    await q.query(`DROP TRIGGER tr_stock_movements_append_only ON "stock_movements"`);
    await q.query(`DROP FUNCTION stock_movements_append_only()`);
    await q.query(`ALTER TABLE "shelters" DROP CONSTRAINT "ck_shelters_period_counts"`);
    await q.query(`ALTER TABLE "shelters" DROP CONSTRAINT "ck_shelters_alarm"`);
    await q.query(`ALTER TABLE "rescue_teams" DROP CONSTRAINT "ck_teams_status"`);
    await q.query(`ALTER TABLE "shelters" DROP COLUMN "manager_link_version"`);
    await q.query(`ALTER TABLE "shelters" DROP COLUMN "alarm_level"`);
    await q.query(`ALTER TABLE "shelters" DROP COLUMN "occupancy_night"`);
    await q.query(`ALTER TABLE "shelters" DROP COLUMN "occupancy_day"`);
    await q.query(`ALTER TABLE "rescue_teams" DROP COLUMN "stale_announced_for"`);
    await q.query(`ALTER TABLE "rescue_teams" DROP COLUMN "last_seen_at"`);
    await q.query(`ALTER TABLE "rescue_teams" DROP COLUMN "pos_lat"`);
    await q.query(`ALTER TABLE "rescue_teams" DROP COLUMN "pos_lon"`);
    await q.query(`DROP INDEX "public"."ix_stock_movements_item"`);
    await q.query(`DROP TABLE "stock_movements"`);
    await q.query(`DROP INDEX "public"."ix_shelter_proposals_response"`);
    await q.query(`DROP TABLE "shelter_proposals"`);
    await q.query(`DROP TABLE "resource_coverage_gaps"`);
    await q.query(`DROP TABLE "resource_active_responses"`);
  }
}

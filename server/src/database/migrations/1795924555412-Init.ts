import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795924555412 implements MigrationInterface {
  name = 'Init1795924555412';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "feed_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "token_sha256" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_9e2abea2f9e060505c2e3deab5f" UNIQUE ("token_sha256"), CONSTRAINT "PK_4f2cb26346ee81a66e8d8bfa375" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(64) NOT NULL, "password_hash" text NOT NULL, "display_name" text NOT NULL, "role" character varying(16) NOT NULL, "subdistrict_code" character varying(12), "contact_id" uuid, "disabled" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_fe0bb3f6520ee0469504521e710" UNIQUE ("username"), CONSTRAINT "ck_users_role" CHECK (role IN ('duty_officer', 'commander', 'contact', 'admin')), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "subdistricts" ("code" character varying(12) NOT NULL, "district_code" character varying(12) NOT NULL, "name" text NOT NULL, "name_en" text NOT NULL, "centre_lon" double precision NOT NULL, "centre_lat" double precision NOT NULL, "geometry" jsonb NOT NULL, "approximate" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_2d8dbe1032b6caff69b4df30374" PRIMARY KEY ("code"))`,
    );
    await q.query(
      `CREATE TABLE "waterlogging_points" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(32) NOT NULL, "name" text NOT NULL, "subdistrict_code" character varying(12) NOT NULL, "lon" double precision NOT NULL, "lat" double precision NOT NULL, "alarm_depth_m" double precision NOT NULL, "has_sensor" boolean NOT NULL DEFAULT false, "retired_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_9d2af23f83674a4c2608847b285" UNIQUE ("code"), CONSTRAINT "ck_points_alarm_depth" CHECK (alarm_depth_m > 0), CONSTRAINT "ck_points_lonlat" CHECK (lon BETWEEN -180 AND 180 AND lat BETWEEN -90 AND 90), CONSTRAINT "PK_89f950301aefee97335c9262499" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "contacts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "point_id" uuid NOT NULL, "role" character varying(32) NOT NULL, "name" text NOT NULL, "phone" character varying(32) NOT NULL, CONSTRAINT "uq_contacts_point_role" UNIQUE ("point_id", "role"), CONSTRAINT "ck_contacts_role" CHECK (role IN ('onsite_lead', 'onsite_lead_backup', 'drainage', 'traffic_police', 'fire_rescue')), CONSTRAINT "PK_b99cd40cfd66a99f1571f4f72e6" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "districts" ("code" character varying(12) NOT NULL, "name" text NOT NULL, "name_en" text NOT NULL, "geometry" jsonb NOT NULL, "notes" text NOT NULL DEFAULT '', CONSTRAINT "PK_8e9d73424149b43b38244f75528" PRIMARY KEY ("code"))`,
    );
    await q.query(
      `CREATE TABLE "rescue_teams" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(32) NOT NULL, "name" text NOT NULL, "kind" character varying(16) NOT NULL, "members" integer NOT NULL, "subdistrict_code" character varying(12) NOT NULL, "lon" double precision NOT NULL, "lat" double precision NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'standby', "equipment" text array NOT NULL DEFAULT '{}', "leader_name" text NOT NULL DEFAULT '', "leader_phone" character varying(32) NOT NULL DEFAULT '', "retired_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_98a7fe1c2b1cc7cc838d2f77916" UNIQUE ("code"), CONSTRAINT "ck_teams_kind" CHECK (kind IN ('professional', 'comprehensive', 'social', 'militia')), CONSTRAINT "ck_teams_members" CHECK (members > 0), CONSTRAINT "ck_teams_lonlat" CHECK (lon BETWEEN -180 AND 180 AND lat BETWEEN -90 AND 90), CONSTRAINT "PK_829994c458c50d7fa5cec6248da" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "shelters" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(32) NOT NULL, "name" text NOT NULL, "subdistrict_code" character varying(12) NOT NULL, "lon" double precision NOT NULL, "lat" double precision NOT NULL, "address" text NOT NULL DEFAULT '', "capacity" integer NOT NULL, "occupancy" integer NOT NULL DEFAULT '0', "status" character varying(16) NOT NULL DEFAULT 'closed', "manager_name" text NOT NULL DEFAULT '', "manager_phone" character varying(32) NOT NULL DEFAULT '', "plan_hazards" text array NOT NULL DEFAULT '{}', "retired_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_ac72a8c110df06d87fa197d0c69" UNIQUE ("code"), CONSTRAINT "ck_shelters_status" CHECK (status IN ('open', 'closed')), CONSTRAINT "ck_shelters_counts" CHECK (capacity >= 0 AND occupancy >= 0), CONSTRAINT "ck_shelters_lonlat" CHECK (lon BETWEEN -180 AND 180 AND lat BETWEEN -90 AND 90), CONSTRAINT "PK_91ad96be54ee26203d624b96f5f" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "warehouses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(32) NOT NULL, "name" text NOT NULL, "subdistrict_code" character varying(12) NOT NULL, "lon" double precision NOT NULL, "lat" double precision NOT NULL, "retired_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_d8b96d60ff9a288f5ed862280d9" UNIQUE ("code"), CONSTRAINT "ck_warehouses_lonlat" CHECK (lon BETWEEN -180 AND 180 AND lat BETWEEN -90 AND 90), CONSTRAINT "PK_56ae21ee2432b2270b48867e4be" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "stock_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "warehouse_id" uuid NOT NULL, "sku" character varying(32) NOT NULL, "name" text NOT NULL, "unit" character varying(16) NOT NULL, "quantity" integer NOT NULL, "low_stock_threshold" integer NOT NULL DEFAULT '0', CONSTRAINT "uq_stock_items_warehouse_sku" UNIQUE ("warehouse_id", "sku"), CONSTRAINT "ck_stock_items_quantity" CHECK (quantity >= 0 AND low_stock_threshold >= 0), CONSTRAINT "PK_52a266aa3e04b8ad1f01088f3f0" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "app_settings" ("key" character varying(64) NOT NULL, "value" text NOT NULL, CONSTRAINT "PK_975c2db59c65c05fd9c6b63a2ab" PRIMARY KEY ("key"))`,
    );
    await q.query(
      `ALTER TABLE "waterlogging_points" ADD CONSTRAINT "FK_c850d9d7c444efd65c037d8ccda" FOREIGN KEY ("subdistrict_code") REFERENCES "subdistricts"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "contacts" ADD CONSTRAINT "FK_d6d028aabc1b19b6933ece9c99f" FOREIGN KEY ("point_id") REFERENCES "waterlogging_points"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "rescue_teams" ADD CONSTRAINT "FK_645716e6779c5dea1d8e0adaa1b" FOREIGN KEY ("subdistrict_code") REFERENCES "subdistricts"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "shelters" ADD CONSTRAINT "FK_198e3561bda4ccbe4984fa79d3f" FOREIGN KEY ("subdistrict_code") REFERENCES "subdistricts"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "warehouses" ADD CONSTRAINT "FK_37e4756ae706f1f96da4828635e" FOREIGN KEY ("subdistrict_code") REFERENCES "subdistricts"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "stock_items" ADD CONSTRAINT "FK_5464525834215161cb9e33fc459" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "stock_items" DROP CONSTRAINT "FK_5464525834215161cb9e33fc459"`);
    await q.query(`ALTER TABLE "warehouses" DROP CONSTRAINT "FK_37e4756ae706f1f96da4828635e"`);
    await q.query(`ALTER TABLE "shelters" DROP CONSTRAINT "FK_198e3561bda4ccbe4984fa79d3f"`);
    await q.query(`ALTER TABLE "rescue_teams" DROP CONSTRAINT "FK_645716e6779c5dea1d8e0adaa1b"`);
    await q.query(`ALTER TABLE "contacts" DROP CONSTRAINT "FK_d6d028aabc1b19b6933ece9c99f"`);
    await q.query(
      `ALTER TABLE "waterlogging_points" DROP CONSTRAINT "FK_c850d9d7c444efd65c037d8ccda"`,
    );
    await q.query(`DROP TABLE "app_settings"`);
    await q.query(`DROP TABLE "stock_items"`);
    await q.query(`DROP TABLE "warehouses"`);
    await q.query(`DROP TABLE "shelters"`);
    await q.query(`DROP TABLE "rescue_teams"`);
    await q.query(`DROP TABLE "districts"`);
    await q.query(`DROP TABLE "contacts"`);
    await q.query(`DROP TABLE "waterlogging_points"`);
    await q.query(`DROP TABLE "subdistricts"`);
    await q.query(`DROP TABLE "users"`);
    await q.query(`DROP TABLE "feed_tokens"`);
  }
}

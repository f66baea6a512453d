import { Column, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Subdistrict } from './subdistrict.entity';

/**
 * The columns every point feature on the map shares (waterlogging points, shelters, rescue
 * teams, warehouses): id, unique code, name, subdistrict and a WGS84 location. Each entity
 * keeps its own `@Check('ck_<table>_lonlat', 'lon BETWEEN -180 AND 180 AND lat BETWEEN -90 AND 90')`
 * (constraint names are per table).
 */
export abstract class PointFeature {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32, unique: true })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'subdistrict_code', type: 'varchar', length: 12 })
  subdistrictCode: string;

  @ManyToOne(() => Subdistrict, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'subdistrict_code' })
  subdistrict?: Subdistrict;

  @Column({ type: 'double precision' })
  lon: number;

  @Column({ type: 'double precision' })
  lat: number;
}

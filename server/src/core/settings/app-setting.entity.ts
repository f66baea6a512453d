import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small key/value settings shared by every server instance (e.g. the generated JWT key). */
@Entity('app_settings')
export class AppSetting {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'text' })
  value: string;
}

import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@sanfang/shared';

@Entity('users')
@Check('ck_users_role', "role IN ('duty_officer', 'commander', 'contact', 'admin')")
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  username: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ name: 'subdistrict_code', type: 'varchar', length: 12, nullable: true })
  subdistrictCode: string | null;

  /** For role=contact: the contact row this person answers for. */
  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId: string | null;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /** Raised to end every session of the user at once (tokens carry the version they got). */
  @Column({ name: 'session_version', type: 'integer', default: 0 })
  sessionVersion: number;

  /** Soft delete: the row (and the audit trail naming it) stays; sign-in is refused. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

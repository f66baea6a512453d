import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Tokens signed out before they expire; a row is useless (and deleted) after expires_at. */
@Entity('revoked_sessions')
@Index('ix_revoked_sessions_expires_at', ['expiresAt'])
export class RevokedSession {
  @PrimaryColumn({ type: 'uuid' })
  jti: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Bearer tokens for machine feeds; only the sha256 of the token is stored. */
@Entity('feed_tokens')
export class FeedToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'token_sha256', type: 'char', length: 64, unique: true })
  tokenSha256: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** PEM certificates trusted to sign this feed's CAP messages; none = signatures unchecked. */
  @Column({ name: 'trusted_certificates', type: 'text', array: true, default: () => `'{}'` })
  trustedCertificates: string[];

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}

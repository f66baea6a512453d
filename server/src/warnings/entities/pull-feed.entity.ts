import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An Atom/RSS index of CAP messages the console polls (admin configuration + health). */
@Entity('cap_pull_feeds')
export class PullFeed {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  name: string;

  @Column({ type: 'text' })
  url: string;

  /** Hosts (host[:port]) the index and its CAP links may be fetched from. */
  @Column({ name: 'allowed_hosts', type: 'text', array: true })
  allowedHosts: string[];

  @Column({ name: 'interval_s', type: 'int' })
  intervalS: number;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** PEM certificates trusted to sign this feed's CAP messages; none = signatures unchecked. */
  @Column({ name: 'trusted_certificates', type: 'text', array: true, default: () => `'{}'` })
  trustedCertificates: string[];

  /** The one scheduled poll; a firing for any other time is stale and does nothing. */
  @Column({ name: 'next_poll_at', type: 'timestamptz', nullable: true })
  nextPollAt: Date | null;

  @Column({ type: 'text', nullable: true })
  etag: string | null;

  @Column({ name: 'last_modified', type: 'text', nullable: true })
  lastModified: string | null;

  @Column({ name: 'last_poll_at', type: 'timestamptz', nullable: true })
  lastPollAt: Date | null;

  @Column({ name: 'last_success_at', type: 'timestamptz', nullable: true })
  lastSuccessAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'last_error_at', type: 'timestamptz', nullable: true })
  lastErrorAt: Date | null;

  @Column({ name: 'entries_ingested', type: 'int', default: 0 })
  entriesIngested: number;

  @Column({ name: 'entries_quarantined', type: 'int', default: 0 })
  entriesQuarantined: number;

  @Column({ name: 'not_modified', type: 'int', default: 0 })
  notModified: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

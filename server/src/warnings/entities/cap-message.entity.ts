import type { CapMsgType, CapOutcome, CapScope, CapStatus, SignalColour } from '@sanfang/shared';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CapText } from '@sanfang/shared';
import type { CapArea } from '../cap/cap-types';

/** A stored reference (sender, identifier, sent as ISO). */
export interface StoredRef {
  sender: string;
  identifier: string;
  sent: string;
}

/** Every accepted CAP message, verbatim, with what it meant and what it did. */
@Entity('cap_messages')
@Index(['sender', 'identifier', 'sent'], { unique: true })
@Index(['warningId'])
// Orphans are few and looked up on every message that could resolve them.
@Index('IDX_cap_messages_orphans', ['sent'], { where: '"orphan"' })
// The CAP log's pages: newest first by received time, then id.
@Index('ix_cap_messages_received', ['receivedAt', 'id'])
export class CapMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  sender: string;

  @Column({ type: 'text' })
  identifier: string;

  @Column({ type: 'timestamptz' })
  sent: Date;

  @Column({ type: 'varchar', length: 10 })
  status: CapStatus;

  @Column({ name: 'msg_type', type: 'varchar', length: 10 })
  msgType: CapMsgType;

  @Column({ type: 'varchar', length: 10 })
  scope: CapScope;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  references: StoredRef[];

  /** The body as text (decoded from its encoding; exactly the bytes when they were UTF-8). */
  @Column({ name: 'raw_xml', type: 'text' })
  rawXml: string;

  /** The bytes as received when they are not plain UTF-8 (another encoding, or a BOM). */
  @Column({ name: 'raw_bytes', type: 'bytea', nullable: true })
  rawBytes: Buffer | null;

  /** The character encoding the body was read with (WHATWG name). */
  @Column({ type: 'varchar', length: 20, default: 'utf-8' })
  encoding: string;

  /** sha256 of the bytes as received. */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  /** verified (by a feed's trusted certificate) / unchecked (signed, feed trusts none) / absent. */
  @Column({ type: 'varchar', length: 10, default: 'absent' })
  signature: 'verified' | 'unchecked' | 'absent';

  /** The trusted certificate that verified the signature. */
  @Column({ name: 'signed_by', type: 'text', nullable: true })
  signedBy: string | null;

  @Column({ type: 'varchar', length: 4 })
  source: 'push' | 'pull';

  /** Feed token name or pull feed name. */
  @Column({ name: 'received_via', type: 'text' })
  receivedVia: string;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'warning_id', type: 'uuid', nullable: true })
  warningId: string | null;

  /**
   * An Update/Cancel/Error whose referenced messages are not (yet) known. An acted-on Update
   * then heads a warning of its own ("earlier messages not received") until they arrive.
   */
  @Column({ type: 'boolean', default: false })
  orphan: boolean;

  @Column({ type: 'varchar', length: 20 })
  outcome: CapOutcome;

  @Column({ type: 'text', nullable: true })
  hazard: string | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  colour: SignalColour | null;

  @Column({ type: 'varchar', length: 12, default: '' })
  severity: string;

  @Column({ type: 'text', default: '' })
  event: string;

  @Column({ type: 'text', default: '' })
  headline: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', default: '' })
  instruction: string;

  /** The headline says 解除/取消 (an Update that lifts the signal). */
  @Column({ type: 'boolean', default: false })
  lifted: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  effective: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  expires: Date | null;

  /** The message set no expiry; `expires` is the configured default lifetime. */
  @Column({ name: 'expires_assumed', type: 'boolean', default: false })
  expiresAssumed: boolean;

  /** Every info block's text, one per language, as sent (the console picks its language). */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  texts: CapText[];

  @Column({ name: 'subdistrict_codes', type: 'text', array: true, default: () => `'{}'` })
  subdistrictCodes: string[];

  @Column({ name: 'district_wide', type: 'boolean', default: false })
  districtWide: boolean;

  @Column({ name: 'in_district', type: 'boolean', default: false })
  inDistrict: boolean;

  /** Areas as received, coordinates already [lon, lat]. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  areas: CapArea[];
}

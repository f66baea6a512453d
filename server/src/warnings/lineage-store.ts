import { randomUUID } from 'node:crypto';
import type { ResponseSuggestion } from '@sanfang/shared';
import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { fromJsonRow, toJsonRow } from '../core/db/json-rows';
import { insertRows } from '../core/db/set-writes';
import { inlineParams } from '../events/events.repository';
import type { EventTx } from '../events/event-log';
import type { CapRef } from './cap/cap-types';
import { CapMessage, type StoredRef } from './entities/cap-message.entity';
import { ResponseRule } from './entities/response-rule.entity';
import { ResponseSuggestionRow } from './entities/suggestion.entity';
import { Warning } from './entities/warning.entity';
import type { LiveWarning } from './suggestions';
import { type SuggestionContext, suggestionRow } from './suggestions.service';

type Ref = CapRef | StoredRef;
const keyOf = (r: Ref): string =>
  `${r.sender}\u0000${r.identifier}\u0000${typeof r.sent === 'string' ? r.sent : r.sent.toISOString()}`;
const sameRef = (a: StoredRef, b: StoredRef): boolean =>
  a.sender === b.sender && a.identifier === b.identifier && a.sent === b.sent;

/**
 * The working set of one ingest transaction, which may carry a batch of messages: what the
 * batch reads is fetched in a few set queries up front, lineage runs in memory, and every
 * change is written back in a few set statements at the end. Taken under LINEAGE_LOCK_SQL,
 * so nothing else changes messages or warnings meanwhile and a cached answer (even "not
 * found") stays true until commit.
 */
export class LineageStore implements SuggestionContext {
  private readonly messages = new Map<string, CapMessage | null>();
  /**
   * Messages read by key carry only their lineage columns (migration LineageReadLean):
   * lineage reads nothing else of a duplicate or a referenced message. A whole read of one (it
   * is also an orphan, which lineage applies) fills in the rest.
   */
  private readonly lean = new WeakSet<CapMessage>();
  private readonly warnings = new Map<string, Warning | null>();
  /** Refs whose waiting orphans have been read from the database. */
  private readonly orphansRead = new Set<string>();
  private readonly orphans = new Set<CapMessage>();
  private readonly newMessages = new Set<CapMessage>();
  private readonly dirtyMessages = new Set<CapMessage>();
  private readonly newWarnings = new Set<Warning>();
  private readonly dirtyWarnings = new Set<Warning>();
  private readonly suggestionRows: ResponseSuggestion[] = [];
  private readonly moves: { from: string; to: string }[] = [];
  private ruleRows: ResponseRule[] = [];
  /** The live warnings as they stood before the batch, as summaries (lineage_read's `live`). */
  private liveRead: LiveWarning[] = [];

  private constructor(private readonly m: EntityManager) {}

  /**
   * The read for a batch, parameter-free (values inlined) so it can travel with BEGIN and
   * the lineage lock: the messages themselves (duplicates) and what they reference (their
   * lineage columns), the orphans waiting for them (whole), the warnings all of those belong
   * to, a summary of every live warning (suggestions), and the rules table. The query is the
   * function `lineage_read` (migration LineageReadLean), whose text each connection parses
   * once.
   */
  static readSql(batch: readonly { self: CapRef; references: readonly CapRef[] }[]): string {
    const refs = new Map<string, StoredRef>();
    for (const b of batch)
      for (const r of [b.self, ...b.references]) refs.set(keyOf(r), storedOf(r));
    return inlineParams(`SELECT * FROM lineage_read($1::jsonb, $2::jsonb)`, [
      JSON.stringify([...refs.values()]),
      JSON.stringify(batch.map((b) => storedOf(b.self))),
    ]);
  }

  /** The working set from the row of `readSql`. */
  static fromRow(
    m: EntityManager,
    batch: readonly { self: CapRef; references: readonly CapRef[] }[],
    row: Record<string, unknown> | undefined,
  ): LineageStore {
    const s = new LineageStore(m);
    const wanted = new Map<string, StoredRef>();
    for (const b of batch)
      for (const r of [b.self, ...b.references]) wanted.set(keyOf(r), storedOf(r));
    const selves = batch.map((b) => storedOf(b.self));
    if (!row) throw new Error('lineage read returned nothing');
    const rows = row as {
      messages: Record<string, unknown>[];
      orphans: Record<string, unknown>[];
      warnings: Record<string, unknown>[];
      live: {
        id: string;
        hazard: string;
        colour: Warning['colour'];
        subdistrict_codes: string[];
        district_wide: boolean;
      }[];
      rules: Record<string, unknown>[];
    };
    const meta = (e: EntityTarget<ObjectLiteral>) => m.connection.getMetadata(e);
    for (const r of wanted.values()) s.messages.set(keyOf(r), null);
    for (const m of s.remember(
      rows.messages.map((x) => fromJsonRow<CapMessage>(meta(CapMessage), x)),
    ))
      s.lean.add(m);
    for (const r of selves) s.orphansRead.add(keyOf(r));
    for (const o of s.remember(
      rows.orphans.map((x) => fromJsonRow<CapMessage>(meta(CapMessage), x)),
    ))
      if (o.orphan) s.orphans.add(o);
    for (const x of rows.warnings) {
      const w = fromJsonRow<Warning>(meta(Warning), x);
      s.warnings.set(w.id, w);
    }
    for (const x of [...s.messages.values()])
      if (x?.warningId && !s.warnings.has(x.warningId)) s.warnings.set(x.warningId, null);
    s.liveRead = rows.live.map((x) => ({
      id: x.id,
      hazard: x.hazard,
      colour: x.colour,
      subdistrictCodes: x.subdistrict_codes,
      districtWide: x.district_wide,
    }));
    s.ruleRows = rows.rules.map((x) => fromJsonRow<ResponseRule>(meta(ResponseRule), x));
    return s;
  }

  // ---- reads -------------------------------------------------------------------------

  async find(r: Ref): Promise<CapMessage | null> {
    const k = keyOf(r);
    if (!this.messages.has(k)) await this.loadMessages([r]);
    return this.messages.get(k) ?? null;
  }

  async findAll(refs: readonly Ref[]): Promise<CapMessage[]> {
    const missing = refs.filter((r) => !this.messages.has(keyOf(r)));
    if (missing.length) await this.loadMessages(missing);
    return refs.flatMap((r) => this.messages.get(keyOf(r)) ?? []);
  }

  async warning(id: string): Promise<Warning | null> {
    if (!this.warnings.has(id)) {
      const w = await this.m.getRepository(Warning).findOne({ where: { id } });
      this.warnings.set(id, w);
    }
    return this.warnings.get(id) ?? null;
  }

  /** A warning already in the working set (as it stands now, changes included). */
  known(id: string): Warning | null {
    return this.warnings.get(id) ?? null;
  }

  /** Orphans that reference this message, oldest sent first (stored and from this batch). */
  async orphansOf(ref: StoredRef): Promise<CapMessage[]> {
    if (!this.orphansRead.has(keyOf(ref))) await this.loadOrphans([ref]);
    return [...this.orphans]
      .filter((o) => o.orphan && o.references.some((r) => sameRef(r, ref)))
      .sort((a, b) => +a.sent - +b.sent);
  }

  /** SuggestionContext: the rules table and the live warnings as they stand in this batch. */
  rules(): Promise<ResponseRule[]> {
    return Promise.resolve(this.ruleRows);
  }

  live(): Promise<LiveWarning[]> {
    const out = new Map<string, LiveWarning>();
    for (const w of this.liveRead) out.set(w.id, w);
    // The batch's own view wins: the warnings it holds whole, changed or added.
    for (const [id, w] of this.warnings) {
      if (w && w.state === 'active' && w.status === 'Actual' && w.inDistrict) out.set(id, w);
      else out.delete(id);
    }
    return Promise.resolve([...out.values()]);
  }

  // ---- changes (written by flush) ----------------------------------------------------

  addMessage(row: Partial<CapMessage>): CapMessage {
    const m = Object.assign(new CapMessage(), row, { id: randomUUID() });
    this.messages.set(keyOf(m), m);
    this.newMessages.add(m);
    return m;
  }

  /** A message's lineage fields changed (warning, orphan, outcome). */
  touchMessage(m: CapMessage): void {
    if (m.orphan) this.orphans.add(m);
    if (!this.newMessages.has(m)) this.dirtyMessages.add(m);
  }

  addWarning(row: Partial<Warning>): Warning {
    const w = Object.assign(
      new Warning(),
      { supersededBy: null, missingEarlier: false, expiresAssumed: false },
      row,
      { id: randomUUID() },
    );
    this.warnings.set(w.id, w);
    this.newWarnings.add(w);
    return w;
  }

  /** Every message of warning `from` now belongs to `to` (chains found to be one). */
  reassign(from: string, to: string): void {
    this.moves.push({ from, to });
    for (const m of this.messages.values()) {
      if (m?.warningId === from) {
        m.warningId = to;
        this.touchMessage(m);
      }
    }
  }

  touchWarning(w: Warning): void {
    if (!this.newWarnings.has(w)) this.dirtyWarnings.add(w);
  }

  record(s: ResponseSuggestion): Promise<void> {
    this.suggestionRows.push(s);
    return Promise.resolve();
  }

  /** Hands every change of the batch to the events' insert. */
  flush(tx: EventTx): void {
    const wm = this.m.connection.getMetadata(Warning);
    const mm = this.m.connection.getMetadata(CapMessage);
    const sm = this.m.connection.getMetadata(ResponseSuggestionRow);
    const json = (rows: object[], meta: EntityMetadata) =>
      JSON.stringify(rows.map((r) => toJsonRow(meta, r)));
    const dirty = [...this.dirtyMessages];
    const suggestions = this.suggestionRows.map(suggestionRow);
    // Each statement travels with the events' insert: no round trip of its own.
    const defer = (sql: string, param: string) => tx.defer(sql, [param]);
    const insert = (meta: EntityMetadata, rows: object[], skip: string[] = []) => {
      if (!rows.length) return;
      const w = insertRows(meta, rows, skip);
      tx.defer(w.sql, w.params);
    };
    insert(wm, [...this.newWarnings]);
    insert(mm, [...this.newMessages]);
    insert(sm, suggestions, ['created_at']);
    if (this.dirtyWarnings.size) {
      const cols = wm.columns.filter((c) => !c.isPrimary).map((c) => `"${c.databaseName}"`);
      defer(
        `UPDATE warnings w SET (${cols.join(', ')}) = (${cols.map((c) => `r.${c}`).join(', ')})
           FROM jsonb_populate_recordset(NULL::warnings, $1::jsonb) r WHERE w.id = r.id`,
        json([...this.dirtyWarnings], wm),
      );
    }
    if (dirty.length) {
      defer(
        `UPDATE cap_messages c SET warning_id = r.warning_id, orphan = r.orphan, outcome = r.outcome
           FROM jsonb_populate_recordset(NULL::cap_messages, $1::jsonb) r WHERE c.id = r.id`,
        JSON.stringify(
          dirty.map((x) => ({
            id: x.id,
            warning_id: x.warningId,
            orphan: x.orphan,
            outcome: x.outcome,
          })),
        ),
      );
    }
    // Messages not in the working set; those that are travel with `dirty` above (a row
    // updated by two statements of one query would keep only one of the changes).
    for (const { from, to } of this.moves) {
      tx.defer(
        `UPDATE cap_messages SET warning_id = $2::uuid
          WHERE warning_id = $1::uuid AND NOT (id = ANY($3::uuid[]))`,
        // Parameters are inlined as text: the ids go as an array literal.
        [from, to, `{${dirty.map((x) => x.id).join(',')}}`],
      );
    }
  }

  // ---- loading -----------------------------------------------------------------------

  private async loadMessages(refs: readonly Ref[]): Promise<void> {
    if (!refs.length) return;
    const rows = await this.messageQuery()
      .where(
        `(c.sender, c.identifier, c.sent) IN
           (SELECT * FROM unnest(:senders::text[], :identifiers::text[], :sents::timestamptz[]))`,
        {
          senders: refs.map((r) => r.sender),
          identifiers: refs.map((r) => r.identifier),
          sents: refs.map((r) => (typeof r.sent === 'string' ? r.sent : r.sent.toISOString())),
        },
      )
      .getMany();
    for (const r of refs) if (!this.messages.has(keyOf(r))) this.messages.set(keyOf(r), null);
    this.remember(rows);
  }

  private async loadOrphans(refs: readonly Ref[]): Promise<void> {
    const stored = refs.map(storedOf);
    for (const r of stored) this.orphansRead.add(keyOf(r));
    const rows = await this.messageQuery()
      .where('c.orphan')
      .andWhere('c.references @> ANY(:refs::jsonb[])', {
        refs: stored.map((r) => JSON.stringify([r])),
      })
      .getMany();
    for (const o of this.remember(rows)) if (o.orphan) this.orphans.add(o);
  }

  /**
   * Keeps one object per message, so every path through the batch sees the same one. A whole
   * row fills in a lean one, but never its lineage columns: the batch may have changed them.
   */
  private remember(rows: CapMessage[]): CapMessage[] {
    return rows.map((row) => {
      const k = keyOf(storedOf(row));
      const have = this.messages.get(k);
      if (!have) {
        this.messages.set(k, row);
        return row;
      }
      if (this.lean.has(have)) {
        const { warningId, orphan, outcome } = have;
        Object.assign(have, row, { warningId, orphan, outcome });
        this.lean.delete(have);
      }
      return have;
    });
  }

  /** Every column but the raw body, which lineage never reads. */
  private messageQuery() {
    const cols = this.m.connection
      .getMetadata(CapMessage)
      .columns.filter((c) => c.propertyName !== 'rawXml' && c.propertyName !== 'rawBytes')
      .map((c) => `c.${c.propertyName}`);
    return this.m.getRepository(CapMessage).createQueryBuilder('c').select(cols);
  }
}

function storedOf(r: Ref): StoredRef {
  return {
    sender: r.sender,
    identifier: r.identifier,
    sent: typeof r.sent === 'string' ? r.sent : r.sent.toISOString(),
  };
}

import { Injectable } from '@nestjs/common';
import type { CapOutcome, WarningState } from '@sanfang/shared';
import type { EventTx } from '../events/event-log';
import type { CapMessage } from './entities/cap-message.entity';
import type { Warning } from './entities/warning.entity';
import type { LineageStore } from './lineage-store';
import { SuggestionsService } from './suggestions.service';
import { emitWarning, type WarningEventType } from './warning-events';
import { storedRef } from './warnings.repository';

export const EXPIRE_QUEUE = 'warnings.expire';
export interface ExpireData {
  warningId: string;
  messageId: string;
}

const ACTED_ON = new Set(['Actual', 'Exercise']);

/**
 * Lineage: Alert starts a chain; Update supersedes, Cancel cancels and Error retracts the
 * referenced messages' chain. The chain's state is its newest message by `sent`, so
 * out-of-order delivery (held as an orphan until its reference arrives) ends where in-order
 * delivery would.
 */
@Injectable()
export class LineageService {
  constructor(private readonly suggestions: SuggestionsService) {}

  /**
   * Applies a message just added to the store, then any orphans it unblocks. Returns its
   * outcome. Reads and writes go through the store (one batch's working set).
   */
  async apply(store: LineageStore, tx: EventTx, msg: CapMessage): Promise<CapOutcome> {
    const outcome = (await this.joinLater(store, tx, msg)) ?? (await this.applyOne(store, tx, msg));
    if (msg.warningId) await this.resolveOrphans(store, tx, msg);
    return outcome;
  }

  /**
   * An earlier message (the Alert, or an Update between) arriving after an Update that
   * references it and already heads a warning: it joins that warning as history, so any
   * order of arrival ends in the one warning that in-order delivery gives. Null when no
   * such warning waits for it.
   */
  private async joinLater(
    store: LineageStore,
    tx: EventTx,
    msg: CapMessage,
  ): Promise<CapOutcome | null> {
    if (!ACTED_ON.has(msg.status) || (msg.msgType !== 'Alert' && msg.msgType !== 'Update')) {
      return null;
    }
    const heads = (await store.orphansOf(storedRef(msg))).filter((o) => o.warningId !== null);
    if (heads.length === 0) return null;
    const ids = new Set(heads.map((o) => o.warningId!));
    for (const o of heads) {
      o.orphan = false;
      store.touchMessage(o);
    }
    msg.orphan = false;
    if (msg.msgType === 'Update') {
      const known = (await store.findAll(msg.references)).filter((r) => r.warningId !== null);
      // Its own earlier messages are still unknown: the chain still misses its start.
      if (known.length === 0) msg.orphan = true;
      for (const k of known) ids.add(k.warningId!);
    }
    const chains: Warning[] = [];
    for (const id of ids) {
      const w = await store.warning(id);
      if (w && w.state !== 'superseded') chains.push(w);
    }
    // The chain that started first keeps its id; the others (shown from a later Update, or
    // from an Alert not yet linked) are joined into it.
    chains.sort((a, b) => +a.issuedAt - +b.issuedAt);
    const target = chains[0];
    if (!target) return null;
    msg.warningId = target.id;
    store.touchMessage(msg);
    await this.absorb(store, tx, target, chains.slice(1), msg);
    const wasMissing = target.missingEarlier;
    if (msg.msgType === 'Alert') target.missingEarlier = false;
    if (+msg.sent < +target.issuedAt) target.issuedAt = msg.sent;
    store.touchWarning(target);
    if (wasMissing !== target.missingEarlier) emitWarning(tx, 'warning.updated', target, msg);
    return +msg.sent > +target.currentSent ? this.applyOne(store, tx, msg) : 'stale';
  }

  /**
   * Chains found to be one (a late message links them): their messages move to `target`,
   * which takes the newest state among them; the others read as superseded by it. One
   * suggestion check around the whole change, so moving a live signal between chains
   * suggests nothing.
   */
  private async absorb(
    store: LineageStore,
    tx: EventTx,
    target: Warning,
    others: Warning[],
    msg: CapMessage,
  ): Promise<void> {
    if (others.length === 0) return;
    await this.suggestions.around(store, tx, target, 'changed', () => {
      for (const other of others) {
        store.reassign(other.id, target.id);
        if (+other.currentSent > +target.currentSent) takeState(target, other);
        if (+other.issuedAt < +target.issuedAt) target.issuedAt = other.issuedAt;
        target.missingEarlier &&= other.missingEarlier;
        other.state = 'superseded';
        other.supersededBy = target.id;
        other.updatedAt = msg.sent;
        store.touchWarning(other);
        emitWarning(tx, 'warning.updated', other, msg);
      }
      store.touchWarning(target);
      emitWarning(tx, 'warning.updated', target, msg);
    });
  }

  /** Chains named together by one message become the newest one (the others superseded). */
  private async merge(
    store: LineageStore,
    tx: EventTx,
    target: Warning,
    otherIds: Iterable<string>,
    msg: CapMessage,
  ): Promise<void> {
    for (const otherId of otherIds) {
      if (otherId === target.id) continue;
      const other = await store.warning(otherId);
      if (!other || other.state === 'superseded') continue;
      await this.suggestions.around(store, tx, other, 'merged', () => {
        other.state = 'superseded';
        other.supersededBy = target.id;
        other.updatedAt = msg.sent;
        store.touchWarning(other);
        emitWarning(tx, 'warning.updated', other, msg);
      });
    }
  }

  private async resolveOrphans(store: LineageStore, tx: EventTx, parent: CapMessage) {
    const waiting = await store.orphansOf(storedRef(parent));
    for (const o of waiting) {
      o.orphan = false;
      o.outcome = await this.applyOne(store, tx, o);
      store.touchMessage(o);
      if (o.warningId) await this.resolveOrphans(store, tx, o);
    }
  }

  private async applyOne(store: LineageStore, tx: EventTx, msg: CapMessage): Promise<CapOutcome> {
    if (!ACTED_ON.has(msg.status)) return 'not_acted_on';
    if (msg.msgType === 'Ack') return 'acknowledgement';
    if (msg.msgType === 'Alert') return this.issue(store, tx, msg);

    const refs = await store.findAll(msg.references);
    const known = refs.filter((r) => r.warningId !== null);
    if (known.length === 0) {
      msg.orphan = true;
      // An Update carries the whole current info: shown at once, marked as missing its
      // earlier messages, which join it when they arrive (joinLater). A Cancel, an Error or
      // a lifting Update of an unseen warning is recorded and leaves nothing active.
      if (msg.msgType === 'Update' && !msg.lifted && msg.hazard !== null) {
        return this.issue(store, tx, msg, true);
      }
      msg.warningId = null;
      store.touchMessage(msg);
      return 'orphan';
    }
    known.sort((a, b) => +b.sent - +a.sent);
    const targetId = known[0]!.warningId!;
    const target = await store.warning(targetId);
    if (!target) throw new Error(`warning ${targetId} vanished`);
    msg.warningId = target.id;
    msg.orphan = false;
    store.touchMessage(msg);

    // An Update naming messages of several chains merges them into the newest one.
    await this.merge(store, tx, target, new Set(known.map((k) => k.warningId!)), msg);

    if (+msg.sent <= +target.currentSent) return 'stale';
    const { state, event, outcome } = transition(msg);
    await this.suggestions.around(store, tx, target, 'changed', () => {
      adopt(target, msg, state);
      store.touchWarning(target);
      emitWarning(tx, event, target, msg);
    });
    return outcome;
  }

  private async issue(
    store: LineageStore,
    tx: EventTx,
    msg: CapMessage,
    missingEarlier = false,
  ): Promise<CapOutcome> {
    let created: Warning | null = null;
    await this.suggestions.around(
      store,
      tx,
      () => created,
      'changed',
      () => {
        const w = store.addWarning({
          ...fields(msg, 'active'),
          issuedAt: msg.sent,
          missingEarlier,
        });
        created = w;
        msg.warningId = w.id;
        store.touchMessage(msg);
        emitWarning(tx, 'warning.issued', w, msg);
      },
    );
    return 'issued';
  }
}

export { storedRef };

function transition(msg: CapMessage): {
  state: WarningState;
  event: WarningEventType;
  outcome: CapOutcome;
} {
  if (msg.msgType === 'Error')
    return { state: 'retracted', event: 'warning.retracted', outcome: 'retracted' };
  if (msg.msgType === 'Cancel' || msg.lifted) {
    return { state: 'cancelled', event: 'warning.cancelled', outcome: 'cancelled' };
  }
  return { state: 'active', event: 'warning.updated', outcome: 'updated' };
}

function fields(msg: CapMessage, state: WarningState): Partial<Warning> {
  return {
    currentMessageId: msg.id,
    currentSent: msg.sent,
    hazard: msg.hazard ?? 'other',
    colour: msg.colour,
    level: levelOf(msg),
    severity: msg.severity,
    status: msg.status,
    state,
    headline: msg.headline,
    subdistrictCodes: msg.subdistrictCodes,
    districtWide: msg.districtWide,
    inDistrict: msg.inDistrict,
    expires: msg.expires,
    expiresAssumed: msg.expiresAssumed,
    updatedAt: msg.sent,
  };
}

const LEVELS = { white: null, blue: 'IV', yellow: 'III', orange: 'II', red: 'I' } as const;
const levelOf = (msg: CapMessage): Warning['level'] => (msg.colour ? LEVELS[msg.colour] : null);

/** `target` takes the current state of a chain joined into it (whose message is newer). */
function takeState(target: Warning, from: Warning): void {
  target.currentMessageId = from.currentMessageId;
  target.currentSent = from.currentSent;
  target.hazard = from.hazard;
  target.colour = from.colour;
  target.level = from.level;
  target.severity = from.severity;
  target.status = from.status;
  target.state = from.state;
  target.headline = from.headline;
  target.subdistrictCodes = from.subdistrictCodes;
  target.districtWide = from.districtWide;
  target.inDistrict = from.inDistrict;
  target.expires = from.expires;
  target.expiresAssumed = from.expiresAssumed;
  target.updatedAt = from.updatedAt;
}

/** The chain takes the newest message's meaning; a Cancel/Error keeps the chain's area. */
function adopt(w: Warning, msg: CapMessage, state: WarningState): void {
  const area = {
    subdistrictCodes: w.subdistrictCodes,
    districtWide: w.districtWide,
    inDistrict: w.inDistrict,
  };
  if (msg.hazard !== null) Object.assign(w, fields(msg, state));
  w.currentMessageId = msg.id;
  w.currentSent = msg.sent;
  w.state = state;
  w.status = msg.status;
  w.updatedAt = msg.sent;
  if (state !== 'active' || msg.areas.length === 0) Object.assign(w, area);
}

import { createHash } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import type { CapIngestResult } from '@sanfang/shared';
import { ApiException } from '../common/api-exception';
import { EventLog } from '../events/event-log.service';
import { GroupCommit, type Outcome } from '../events/group-commit';
import type { EventTx } from '../events/event-log';
import type { CapText } from '@sanfang/shared';
import { assumedLifetimeH, CapSettingsService } from './admin/cap-settings.service';
import { CapError } from './cap/cap-error';
import { parseCap } from './cap/cap-parse';
import type { CapAlert, CapArea, CapInfo } from './cap/cap-types';
import { decodeXml, type DecodedXml } from './cap/decode';
import { parseTrusted, verifySignature, type SignatureCheck } from './cap/signature';
import type { CapMessage } from './entities/cap-message.entity';
import { LineageStore } from './lineage-store';
import { LineageService } from './lineage.service';
import { matchAreas, type SubdistrictShape } from './meaning/areas';
import { extractMeaning } from './meaning/hazard';
import { effectiveState } from './warning-events';
import { LINEAGE_LOCK_SQL, storedRef, WarningsRepository } from './warnings.repository';

export interface IngestVia {
  source: 'push' | 'pull';
  name: string;
  /** PEM certificates the feed trusts: its messages must carry a signature one of them verifies. */
  trustedCertificates?: readonly string[];
}

export interface IngestReply {
  created: boolean;
  result: CapIngestResult;
}

export const toApiError = (e: CapError): ApiException =>
  new ApiException(
    e.status === 400
      ? HttpStatus.BAD_REQUEST
      : e.status === 415
        ? HttpStatus.UNSUPPORTED_MEDIA_TYPE
        : HttpStatus.UNPROCESSABLE_ENTITY,
    e.code,
    e.message,
    e.path,
  );

/** One message waiting for its batch. */
interface Pending {
  alert: CapAlert;
  row: Partial<CapMessage>;
  via: IngestVia;
}

/**
 * Push and pull ingest share this: validate, store verbatim, apply lineage, emit.
 *
 * Group commit (GroupCommit): messages that arrive while a transaction is in flight go
 * together in the next one, under the lineage lock, with their reads and writes done as set
 * statements (LineageStore).
 */
@Injectable()
export class IngestService {
  private subs: Promise<SubdistrictShape[]> | null = null;
  private readonly batches = new GroupCommit<Pending, IngestReply>((b) => this.transact(b));

  constructor(
    private readonly events: EventLog,
    private readonly repo: WarningsRepository,
    private readonly lineage: LineageService,
    private readonly settings: CapSettingsService,
  ) {}

  /** Parses strictly; a CapError becomes {code, message, path} with 400/422. */
  parse(xml: string): CapAlert {
    return edge(() => parseCap(xml));
  }

  /**
   * One CAP message as received: bytes (decoded by BOM, charset, XML declaration) or text
   * already decoded; `charset` is the HTTP charset parameter, if any.
   */
  async ingest(
    body: Uint8Array | string,
    via: IngestVia,
    charset: string | null = null,
  ): Promise<IngestReply> {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
    const decoded = edge(() => decodeXml(bytes, charset));
    const alert = this.parse(decoded.text);
    const trusted = via.trustedCertificates?.length
      ? edge(() => parseTrusted(via.trustedCertificates!, 'feed.trustedCertificates'))
      : [];
    const signature = edge(() => verifySignature(decoded.text, alert.signed, trusted));
    const row = await this.describe(alert, { decoded, bytes, signature }, via);
    return this.batches.submit({ alert, row, via });
  }

  private async transact(batch: Pending[]): Promise<Outcome<IngestReply>[]> {
    const actor = batch.length === 1 ? `feed:${batch[0]!.via.name}` : 'feed:batch';
    const keys = batch.map((p) => ({ self: p.alert, references: p.alert.references }));
    const { result } = await this.events.writeWithEvents(
      actor,
      async (tx) => {
        // The lineage lock was taken and the batch's working set read with BEGIN (below).
        const store = LineageStore.fromRow(tx.manager, keys, tx.begun[0]);
        const done: ({ msg: CapMessage; created: boolean } | { error: unknown })[] = [];
        for (const p of batch) {
          const existing = await store.find(p.alert);
          if (existing) {
            done.push({ msg: existing, created: false });
            continue;
          }
          const circular = await this.circular(store, p.alert);
          if (circular) {
            done.push({ error: circular });
            continue;
          }
          const as = tx.as(`feed:${p.via.name}`);
          const m = store.addMessage(p.row);
          m.outcome = await this.lineage.apply(store, as, m);
          emitReceived(as, m);
          done.push({ msg: m, created: true });
        }
        store.flush(tx);
        const now = new Date();
        return done.map((d): Outcome<IngestReply> => {
          if ('error' in d) return { ok: false, error: d.error };
          const w = d.msg.warningId ? store.known(d.msg.warningId) : null;
          return {
            ok: true,
            value: {
              created: d.created,
              result: {
                messageId: d.msg.id,
                duplicate: !d.created,
                outcome: d.msg.outcome,
                warningId: d.msg.warningId,
                state: w ? effectiveState(w, now) : null,
              },
            },
          };
        });
      },
      // A batch of duplicates (or refused messages) changes nothing and records nothing.
      {
        allowNoEvent: true,
        begin: `${LINEAGE_LOCK_SQL}; ${LineageStore.readSql(keys)}`,
        commitWithEvents: true,
      },
    );
    return result;
  }

  /** A reference to a stored message that itself references this one closes a cycle. */
  private async circular(store: LineageStore, alert: CapAlert): Promise<ApiException | null> {
    const self = storedRef(alert);
    for (const r of alert.references) {
      const found = await store.find(r);
      if (
        found?.references.some(
          (x) =>
            x.sender === self.sender && x.identifier === self.identifier && x.sent === self.sent,
        )
      ) {
        return new ApiException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'CAP_INVALID_REFERENCE',
          `reference ${r.identifier} already references this message (circular)`,
          'alert.references',
        );
      }
    }
    return null;
  }

  private async describe(
    alert: CapAlert,
    body: { decoded: DecodedXml; bytes: Buffer; signature: SignatureCheck },
    via: IngestVia,
  ): Promise<Partial<CapMessage>> {
    this.subs ??= this.repo.subdistricts();
    const { decoded, bytes, signature } = body;
    const info = primaryInfo(alert.infos);
    const meaning = info ? extractMeaning(info) : null;
    const areas = distinctAreas(info, alert.infos);
    const match = matchAreas(areas, await this.subs);
    const expiries = alert.infos.map((i) => i.expires).filter((d): d is Date => d !== null);
    let expires = expiries.length ? new Date(Math.max(...expiries.map(Number))) : null;
    // No <expires>: a configured lifetime from the start of the info (CAP leaves it open).
    const expiresAssumed = expires === null && info !== undefined;
    if (expiresAssumed) {
      const hours = assumedLifetimeH(
        await this.settings.get(),
        meaning?.hazard ?? null,
        info.categories[0] ?? null,
      );
      const from = info.effective ?? info.onset ?? alert.sent;
      expires = new Date(+from + hours * 3_600_000);
    }
    // Plain UTF-8 text is its own bytes; anything else keeps the bytes beside the text.
    const verbatim = decoded.encoding === 'utf-8' && decoded.from !== 'bom';
    return {
      sender: alert.sender,
      identifier: alert.identifier,
      sent: alert.sent,
      status: alert.status,
      msgType: alert.msgType,
      scope: alert.scope,
      references: alert.references.map(storedRef),
      rawXml: decoded.text,
      rawBytes: verbatim ? null : bytes,
      encoding: decoded.encoding,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      signature: signature.state,
      signedBy: signature.by,
      source: via.source,
      receivedVia: via.name,
      receivedAt: new Date(),
      warningId: null,
      orphan: false,
      outcome: 'not_acted_on',
      hazard: meaning?.hazard ?? null,
      colour: meaning?.colour ?? null,
      severity: info?.severity ?? '',
      event: info?.event ?? '',
      headline: info?.headline ?? '',
      description: info?.description ?? '',
      instruction: info?.instruction ?? '',
      lifted: meaning?.lifted ?? false,
      effective: info?.effective ?? null,
      expires,
      expiresAssumed,
      texts: alert.infos.map(textOf),
      subdistrictCodes: match.subdistrictCodes,
      districtWide: match.districtWide,
      inDistrict: match.inDistrict,
      areas,
    };
  }
}

function emitReceived(tx: EventTx, m: CapMessage): void {
  tx.emit('cap.received', {
    messageId: m.id,
    sender: m.sender,
    identifier: m.identifier,
    sent: m.sent.toISOString(),
    status: m.status,
    msgType: m.msgType,
    outcome: m.outcome,
    warningId: m.warningId,
    source: m.source,
  });
}

/** Runs an edge step; a CapError becomes {code, message, path} with its status. */
function edge<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof CapError) throw toApiError(e);
    throw e;
  }
}

/**
 * The info the console reads its meaning from: Chinese when there is one (GB/T 35965.1
 * feeds, zh-CN first), else English, else the first.
 */
export function primaryInfo(infos: CapInfo[]): CapInfo | undefined {
  return (
    infos.find((i) => /^zh-(cn|hans)/i.test(i.language)) ??
    infos.find((i) => /^zh/i.test(i.language)) ??
    infos.find((i) => /^en/i.test(i.language)) ??
    infos[0]
  );
}

/**
 * Areas of every info, the shown info's first, without the same place twice: a bilingual
 * message repeats its areas per language with the same geometry and a translated areaDesc.
 */
export function distinctAreas(first: CapInfo | undefined, infos: CapInfo[]): CapArea[] {
  const seen = new Set<string>();
  const out: CapArea[] = [];
  for (const i of first ? [first, ...infos.filter((x) => x !== first)] : infos) {
    for (const a of i.areas) {
      // A translation may also translate its geocode names: shapes identify the place first.
      const key =
        a.polygons.length + a.circles.length > 0
          ? JSON.stringify([a.polygons, a.circles])
          : a.geocodes.length > 0
            ? JSON.stringify(a.geocodes)
            : `desc:${a.areaDesc}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(a);
    }
  }
  return out;
}

const textOf = (i: CapInfo): CapText => ({
  language: i.language,
  event: i.event,
  senderName: i.senderName,
  headline: i.headline,
  description: i.description,
  instruction: i.instruction,
  areaDescs: i.areas.map((a) => a.areaDesc),
});

import { createHash } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import type { CapIngestResult } from '@sanfang/shared';
import { ApiException } from '../common/api-exception';
import { EventLog } from '../events/event-log.service';
import type { EventTx } from '../events/event-log';
import { CapError } from './cap/cap-error';
import { parseCap } from './cap/cap-parse';
import type { CapAlert, CapInfo } from './cap/cap-types';
import type { CapMessage } from './entities/cap-message.entity';
import { LineageService } from './lineage.service';
import { matchAreas, type SubdistrictShape } from './meaning/areas';
import { extractMeaning } from './meaning/hazard';
import { effectiveState } from './warning-events';
import { storedRef, WarningsRepository } from './warnings.repository';

export interface IngestVia {
  source: 'push' | 'pull';
  name: string;
}

export interface IngestReply {
  created: boolean;
  result: CapIngestResult;
}

/** A duplicate found inside the transaction: roll back, answer 200. */
class Duplicate extends Error {
  constructor(readonly existing: CapMessage) {
    super('duplicate');
  }
}

export const toApiError = (e: CapError): ApiException =>
  new ApiException(
    e.status === 400 ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_ENTITY,
    e.code,
    e.message,
    e.path,
  );

/** Push and pull ingest share this: validate, store verbatim, apply lineage, emit. */
@Injectable()
export class IngestService {
  private subs: Promise<SubdistrictShape[]> | null = null;

  constructor(
    private readonly events: EventLog,
    private readonly repo: WarningsRepository,
    private readonly lineage: LineageService,
  ) {}

  /** Parses strictly; a CapError becomes {code, message, path} with 400/422. */
  parse(xml: string): CapAlert {
    try {
      return parseCap(xml);
    } catch (e) {
      if (e instanceof CapError) throw toApiError(e);
      throw e;
    }
  }

  async ingest(xml: string, via: IngestVia): Promise<IngestReply> {
    const alert = this.parse(xml);
    const existing = await this.repo.findByIdentity(null, alert);
    if (existing) return this.duplicate(existing);
    await this.checkCircular(alert);
    const row = await this.describe(alert, xml, via);
    try {
      const msg = await this.events.write(`feed:${via.name}`, async (tx) => {
        await this.repo.lockSenders(tx.manager, [
          alert.sender,
          ...alert.references.map((r) => r.sender),
        ]);
        const again = await this.repo.findByIdentity(tx.manager, alert);
        if (again) throw new Duplicate(again);
        const m = await this.repo.insertMessage(tx.manager, row);
        m.outcome = await this.lineage.apply(tx, m);
        await this.repo.saveMessage(tx.manager, m);
        this.emitReceived(tx, m);
        return m;
      });
      return { created: true, result: await this.result(msg, false) };
    } catch (e) {
      if (e instanceof Duplicate) return this.duplicate(e.existing);
      // Two instances racing on the same message: the unique index decides.
      if (isUniqueViolation(e)) {
        const dup = await this.repo.findByIdentity(null, alert);
        if (dup) return this.duplicate(dup);
      }
      throw e;
    }
  }

  private async duplicate(existing: CapMessage): Promise<IngestReply> {
    return { created: false, result: await this.result(existing, true) };
  }

  private async result(m: CapMessage, duplicate: boolean): Promise<CapIngestResult> {
    const w = m.warningId ? await this.repo.warning(m.warningId) : null;
    return {
      messageId: m.id,
      duplicate,
      outcome: m.outcome,
      warningId: m.warningId,
      state: w ? effectiveState(w, new Date()) : null,
    };
  }

  /** A reference to a stored message that itself references this one closes a cycle. */
  private async checkCircular(alert: CapAlert): Promise<void> {
    const self = storedRef(alert);
    for (const r of alert.references) {
      const found = await this.repo.findByIdentity(null, r);
      if (
        found?.references.some(
          (x) =>
            x.sender === self.sender && x.identifier === self.identifier && x.sent === self.sent,
        )
      ) {
        throw new ApiException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'CAP_INVALID_REFERENCE',
          `reference ${r.identifier} already references this message (circular)`,
          'alert.references',
        );
      }
    }
  }

  private async describe(
    alert: CapAlert,
    xml: string,
    via: IngestVia,
  ): Promise<Partial<CapMessage>> {
    this.subs ??= this.repo.subdistricts();
    const info = primaryInfo(alert.infos);
    const meaning = info ? extractMeaning(info) : null;
    const areas = alert.infos.flatMap((i) => i.areas);
    const match = matchAreas(areas, await this.subs);
    const expiries = alert.infos.map((i) => i.expires).filter((d): d is Date => d !== null);
    return {
      sender: alert.sender,
      identifier: alert.identifier,
      sent: alert.sent,
      status: alert.status,
      msgType: alert.msgType,
      scope: alert.scope,
      references: alert.references.map(storedRef),
      rawXml: xml,
      sha256: createHash('sha256').update(xml, 'utf8').digest('hex'),
      source: via.source,
      receivedVia: via.name,
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
      expires: expiries.length ? new Date(Math.max(...expiries.map(Number))) : null,
      subdistrictCodes: match.subdistrictCodes,
      districtWide: match.districtWide,
      inDistrict: match.inDistrict,
      areas,
    };
  }

  private emitReceived(tx: EventTx, m: CapMessage): void {
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
}

/** The Chinese info when there is one (GB/T 35965.1 feeds), else the first. */
function primaryInfo(infos: CapInfo[]): CapInfo | undefined {
  return infos.find((i) => /^zh/i.test(i.language)) ?? infos[0];
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === '23505';
}

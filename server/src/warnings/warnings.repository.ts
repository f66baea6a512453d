import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CapIdentityDto, CapMsgType } from '@sanfang/shared';
import type { DataSource, EntityManager } from 'typeorm';
import type { CapRef } from './cap/cap-types';
import { CapMessage, type StoredRef } from './entities/cap-message.entity';
import { ResponseRule } from './entities/response-rule.entity';
import { ResponseSuggestionRow } from './entities/suggestion.entity';
import { Warning } from './entities/warning.entity';
import type { SubdistrictShape } from './meaning/areas';

/** Lineage of every CAP message is decided under this one lock (ingest batches, expiry). */
export const LINEAGE_LOCK_SQL = `SELECT pg_advisory_xact_lock(6, 0)`;

export const storedRef = (r: CapRef): StoredRef => ({
  sender: r.sender,
  identifier: r.identifier,
  sent: r.sent.toISOString(),
});

/** Queries for CAP messages and warning chains; no rules here. */
@Injectable()
export class WarningsRepository {
  constructor(@InjectDataSource() readonly ds: DataSource) {}

  async subdistricts(): Promise<SubdistrictShape[]> {
    return this.ds.query<SubdistrictShape[]>(
      `SELECT code, name, geometry FROM subdistricts ORDER BY code`,
    );
  }

  async saveWarning(m: EntityManager, w: Warning): Promise<Warning> {
    const { id, ...fields } = w;
    await m.getRepository(Warning).update({ id }, fields);
    return w;
  }

  lockWarning(m: EntityManager, id: string): Promise<Warning | null> {
    return m
      .getRepository(Warning)
      .createQueryBuilder('w')
      .setLock('pessimistic_write')
      .where('w.id = :id', { id })
      .getOne();
  }

  warning(id: string): Promise<Warning | null> {
    return this.ds.getRepository(Warning).findOne({ where: { id } });
  }

  message(id: string): Promise<CapMessage | null> {
    return this.ds.getRepository(CapMessage).findOne({ where: { id } });
  }

  chain(warningId: string): Promise<CapMessage[]> {
    return this.ds
      .getRepository(CapMessage)
      .find({ where: { warningId }, order: { sent: 'ASC', receivedAt: 'ASC' } });
  }

  /** Identities of each warning's messages, oldest sent first, in one query. */
  async chainIdentities(ids: string[]): Promise<Map<string, CapIdentityDto[]>> {
    const out = new Map<string, CapIdentityDto[]>();
    if (!ids.length) return out;
    const rows = await this.ds.query<
      { warning_id: string; sender: string; identifier: string; sent: Date; msg_type: CapMsgType }[]
    >(
      `SELECT warning_id, sender, identifier, sent, msg_type FROM cap_messages
        WHERE warning_id = ANY($1::uuid[]) ORDER BY sent, received_at`,
      [ids],
    );
    for (const r of rows) {
      const list = out.get(r.warning_id) ?? [];
      list.push({
        sender: r.sender,
        identifier: r.identifier,
        sent: new Date(r.sent).toISOString(),
        msgType: r.msg_type,
      });
      out.set(r.warning_id, list);
    }
    return out;
  }

  /** Warnings newest first; `active` = stored active and not past expiry at `now`. */
  warnings(opts: { active?: boolean; now: Date; limit: number }): Promise<Warning[]> {
    const qb = this.ds
      .getRepository(Warning)
      .createQueryBuilder('w')
      .orderBy('w.updated_at', 'DESC')
      .limit(opts.limit);
    if (opts.active === true) {
      qb.where(`w.state = 'active' AND w.in_district AND (w.expires IS NULL OR w.expires > :now)`, {
        now: opts.now,
      });
    } else if (opts.active === false) {
      qb.where(`NOT (w.state = 'active' AND (w.expires IS NULL OR w.expires > :now))`, {
        now: opts.now,
      });
    }
    return qb.getMany();
  }

  /** Active Actual in-district warnings (stored state), the basis of response suggestions. */
  liveWarnings(m: EntityManager): Promise<Warning[]> {
    return m.getRepository(Warning).find({
      where: { state: 'active', status: 'Actual', inDistrict: true },
    });
  }

  rules(m: EntityManager | null): Promise<ResponseRule[]> {
    return (m ?? this.ds.manager)
      .getRepository(ResponseRule)
      .find({ order: { hazard: 'ASC', colour: 'ASC' } });
  }

  feedLog(limit: number, offset: number): Promise<[CapMessage[], number]> {
    return this.ds.getRepository(CapMessage).findAndCount({
      order: { receivedAt: 'DESC', id: 'DESC' },
      skip: offset,
      take: limit,
    });
  }

  messageWithRaw(
    id: string,
  ): Promise<Pick<
    CapMessage,
    'id' | 'rawXml' | 'rawBytes' | 'encoding' | 'status' | 'scope'
  > | null> {
    return this.ds.getRepository(CapMessage).findOne({
      where: { id },
      select: {
        id: true,
        rawXml: true,
        rawBytes: true,
        encoding: true,
        status: true,
        scope: true,
      },
    });
  }

  /** Active warnings whose expiry has passed by the database's clock (ix_warnings_expiring). */
  async expiring(limit: number): Promise<{ warningId: string; messageId: string }[]> {
    return this.ds.query(
      `SELECT id AS "warningId", current_message_id AS "messageId" FROM warnings
        WHERE state = 'active' AND expires <= now() ORDER BY expires LIMIT $1`,
      [limit],
    );
  }

  /** Lineage and suggestions are decided one transaction at a time (see LineageStore). */
  async lockLineage(m: EntityManager): Promise<void> {
    await m.query(LINEAGE_LOCK_SQL);
  }

  async insertSuggestion(m: EntityManager, row: ResponseSuggestionRow): Promise<void> {
    await m.getRepository(ResponseSuggestionRow).insert(row);
  }

  rule(m: EntityManager, id: string): Promise<ResponseRule | null> {
    return m.getRepository(ResponseRule).findOne({ where: { id } });
  }

  ruleFor(
    m: EntityManager,
    hazard: string,
    colour: ResponseRule['colour'],
  ): Promise<ResponseRule | null> {
    return m.getRepository(ResponseRule).findOne({ where: { hazard, colour } });
  }

  /** Saves `body` over `existing` (or as a new row). */
  saveRule(
    m: EntityManager,
    existing: ResponseRule | null,
    body: Partial<ResponseRule>,
  ): Promise<ResponseRule> {
    const repo = m.getRepository(ResponseRule);
    return repo.save(repo.merge(existing ?? repo.create(), body));
  }

  async deleteRule(m: EntityManager, id: string): Promise<void> {
    await m.getRepository(ResponseRule).delete({ id });
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  levelRank,
  type ResponseEventPayload,
  type ShelterProposalDecisionPayload,
  type ShelterProposalDto,
  type ShelterProposalStatus,
} from '@sanfang/shared';
import type { DataSource } from 'typeorm';
import { notFound } from '../../common/api-exception';
import type { CommittedEvent, EventTx } from '../../events/event-log';
import { EventLog } from '../../events/event-log.service';
import { Reactors } from '../../events/reactors.service';
import { ShelterProposal } from '../entities/shelter-proposal.entity';
import { conflict } from '../common/resource-errors';
import { readResourceSettings } from '../../core/settings/resource-settings';
import { SheltersService } from './shelters.service';

interface NamedShelter {
  id: string;
  code: string;
  name: string;
  subdistrict_code: string;
}

/**
 * A typhoon response at or above the configured level proposes opening the closed shelters
 * whose plan names typhoons, in the response's subdistricts; one call opens them all.
 */
@Injectable()
export class ShelterProposalsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly events: EventLog,
    private readonly reactors: Reactors,
    private readonly shelters: SheltersService,
  ) {}

  onModuleInit(): void {
    this.reactors.register({
      name: 'resources.shelter-proposals',
      types: ['response.started', 'response.level_changed'],
      handle: (e, tx) => this.onResponse(e, tx),
    });
  }

  private async onResponse(e: CommittedEvent, tx: EventTx): Promise<void> {
    const r = e.payload as ResponseEventPayload;
    if (r.hazard !== 'typhoon') return;
    const { typhoonShelterLevel } = await readResourceSettings(tx.manager);
    if (levelRank(r.level) < levelRank(typhoonShelterLevel)) return;
    // One proposal per response: a later raise does not repeat it.
    const existing = await tx.manager.count(ShelterProposal, {
      where: { responseId: r.responseId },
    });
    if (existing > 0) return;
    const named = await tx.manager.query<NamedShelter[]>(
      `SELECT id, code, name, subdistrict_code FROM shelters
        WHERE 'typhoon' = ANY (plan_hazards) AND status = 'closed' AND retired_at IS NULL
          AND (cardinality($1::text[]) = 0 OR subdistrict_code = ANY ($1::text[]))
        ORDER BY subdistrict_code, code`,
      [r.subdistrictCodes],
    );
    if (named.length === 0) return;
    const p = await tx.manager.save(
      tx.manager.create(ShelterProposal, {
        responseId: r.responseId,
        level: r.level,
        shelterIds: named.map((s) => s.id),
      }),
    );
    tx.emit(
      'shelter.opening_proposed',
      {
        proposalId: p.id,
        responseId: r.responseId,
        level: r.level,
        shelters: named.map((s) => ({
          shelterId: s.id,
          code: s.code,
          name: s.name,
          subdistrictCode: s.subdistrict_code,
        })),
      },
      { subdistrictCodes: r.subdistrictCodes },
    );
  }

  async list(status: ShelterProposalStatus | undefined): Promise<ShelterProposalDto[]> {
    const rows = await this.ds.getRepository(ShelterProposal).find({
      where: status ? { status } : {},
      order: { createdAt: 'DESC' },
      take: 100,
    });
    return Promise.all(rows.map((p) => this.toDto(p)));
  }

  accept(id: string, by: string): Promise<ShelterProposalDecisionPayload> {
    return this.decide(id, by, 'accepted');
  }

  dismiss(id: string, by: string): Promise<ShelterProposalDecisionPayload> {
    return this.decide(id, by, 'dismissed');
  }

  private decide(
    id: string,
    by: string,
    to: 'accepted' | 'dismissed',
  ): Promise<ShelterProposalDecisionPayload> {
    return this.events.write(by, async (tx) => {
      const rows = await tx.manager.query<
        [{ response_id: string; shelter_ids: string[] }[], number]
      >(
        `UPDATE shelter_proposals SET status = $2, decided_by = $3, decided_at = now()
          WHERE id = $1 AND status = 'pending' RETURNING response_id, shelter_ids`,
        [id, to, by],
      );
      const p = rows[0][0];
      if (!p) {
        const found = await tx.manager.findOne(ShelterProposal, { where: { id } });
        throw found ? conflict(`The proposal is already ${found.status}`) : notFound('Proposal');
      }
      const opened: string[] = [];
      if (to === 'accepted') {
        for (const sid of p.shelter_ids) {
          // Shelters opened meanwhile (or retired) are left as they are.
          const s = await this.shelters.openIn(tx, sid, by, `typhoon response ${p.response_id}`);
          if (s) opened.push(s.id);
        }
      }
      const payload = { proposalId: id, responseId: p.response_id, by, openedShelterIds: opened };
      tx.emit(
        to === 'accepted' ? 'shelter.proposal_accepted' : 'shelter.proposal_dismissed',
        payload,
      );
      return payload;
    });
  }

  private async toDto(p: ShelterProposal): Promise<ShelterProposalDto> {
    const shelters = await this.ds.query<NamedShelter[]>(
      `SELECT id, code, name, subdistrict_code FROM shelters WHERE id = ANY ($1::uuid[]) ORDER BY code`,
      [p.shelterIds],
    );
    return {
      proposalId: p.id,
      responseId: p.responseId,
      level: p.level,
      shelters: shelters.map((s) => ({
        shelterId: s.id,
        code: s.code,
        name: s.name,
        subdistrictCode: s.subdistrict_code,
      })),
      status: p.status,
      createdAt: p.createdAt.toISOString(),
      decidedBy: p.decidedBy,
      decidedAt: p.decidedAt ? p.decidedAt.toISOString() : null,
    };
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  levelRank,
  type ResponseEventPayload,
  type ShelterProposalDecisionPayload,
  type ShelterProposalDto,
  type ShelterProposalStatus,
} from '@sanfang/shared';
import { notFound } from '../../common/api-exception';
import type { CommittedEvent, EventTx } from '../../events/event-log';
import { EventLog } from '../../events/event-log.service';
import { Reactors } from '../../events/reactors.service';
import type { ShelterProposal } from '../entities/shelter-proposal.entity';
import { conflict } from '../common/resource-errors';
import { readResourceSettings } from '../../core/settings/resource-settings';
import { ShelterProposalsRepository } from './shelter-proposals.repository';
import { SheltersService } from './shelters.service';

/**
 * A typhoon response at or above the configured level proposes opening the closed shelters
 * whose plan names typhoons, in the response's subdistricts; one call opens them all.
 */
@Injectable()
export class ShelterProposalsService implements OnModuleInit {
  constructor(
    private readonly repo: ShelterProposalsRepository,
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
    if (await this.repo.existsFor(tx.manager, r.responseId)) return;
    const named = await this.repo.closedTyphoonShelters(tx.manager, r.subdistrictCodes);
    if (named.length === 0) return;
    const p = await this.repo.insert(tx.manager, {
      responseId: r.responseId,
      level: r.level,
      shelterIds: named.map((s) => s.id),
    });
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
    const rows = await this.repo.list(status);
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
      const p = await this.repo.decide(tx.manager, id, to, by);
      if (!p) {
        const found = await this.repo.find(tx.manager, id);
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
    const shelters = await this.repo.shelters(p.shelterIds);
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

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ShelterProposalStatus } from '@sanfang/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { ShelterProposal } from '../entities/shelter-proposal.entity';

export interface NamedShelter {
  id: string;
  code: string;
  name: string;
  subdistrict_code: string;
}

/** Proposals to open typhoon shelters, and the shelters they name. */
@Injectable()
export class ShelterProposalsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async existsFor(m: EntityManager, responseId: string): Promise<boolean> {
    return (await m.count(ShelterProposal, { where: { responseId } })) > 0;
  }

  /** Closed, live shelters planned for typhoons in these subdistricts (all when none given). */
  closedTyphoonShelters(m: EntityManager, subdistrictCodes: string[]): Promise<NamedShelter[]> {
    return m.query<NamedShelter[]>(
      `SELECT id, code, name, subdistrict_code FROM shelters
        WHERE 'typhoon' = ANY (plan_hazards) AND status = 'closed' AND retired_at IS NULL
          AND (cardinality($1::text[]) = 0 OR subdistrict_code = ANY ($1::text[]))
        ORDER BY subdistrict_code, code`,
      [subdistrictCodes],
    );
  }

  insert(
    m: EntityManager,
    p: Pick<ShelterProposal, 'responseId' | 'level' | 'shelterIds'>,
  ): Promise<ShelterProposal> {
    return m.save(m.create(ShelterProposal, p));
  }

  list(status: ShelterProposalStatus | undefined): Promise<ShelterProposal[]> {
    return this.ds.getRepository(ShelterProposal).find({
      where: status ? { status } : {},
      order: { createdAt: 'DESC' },
      take: 100,
    });
  }

  find(m: EntityManager, id: string): Promise<ShelterProposal | null> {
    return m.findOne(ShelterProposal, { where: { id } });
  }

  /** Decides a pending proposal; null when it is not pending (or not there). */
  async decide(
    m: EntityManager,
    id: string,
    to: 'accepted' | 'dismissed',
    by: string,
  ): Promise<{ response_id: string; shelter_ids: string[] } | null> {
    const rows = await m.query<[{ response_id: string; shelter_ids: string[] }[], number]>(
      `UPDATE shelter_proposals SET status = $2, decided_by = $3, decided_at = now()
        WHERE id = $1 AND status = 'pending' RETURNING response_id, shelter_ids`,
      [id, to, by],
    );
    return rows[0][0] ?? null;
  }

  shelters(ids: string[]): Promise<NamedShelter[]> {
    return this.ds.query<NamedShelter[]>(
      `SELECT id, code, name, subdistrict_code FROM shelters WHERE id = ANY ($1::uuid[]) ORDER BY code`,
      [ids],
    );
  }
}

import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  OccupancyUpdate,
  ShelterEventPayload,
  ShelterLinkDto,
  ShelterLinkRequest,
  ShelterLinkView,
} from '@sanfang/shared';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../auth/auth.types';
import { JWT_KEY } from '../../core/jwt-key';
import { ApiException, notFound } from '../../common/api-exception';
import { CLOCK, type Clock } from '../../core/clock';
import { EventLog } from '../../events/event-log.service';
import type { Shelter } from '../entities/shelter.entity';
import { resourceChange } from '../management/resource-snapshots';
import { signShelterLink, verifyShelterLink } from './shelter-link-token';
import { SheltersRepository } from './shelters.repository';
import { SheltersService } from './shelters.service';

const invalid = (): ApiException =>
  new ApiException(HttpStatus.UNAUTHORIZED, 'SHELTER_LINK_INVALID');

/**
 * Shelter managers have no console account: a duty officer issues a signed, expiring link
 * for one shelter; the phone page reads it and posts headcounts with it.
 */
@Injectable()
export class ShelterLinksService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(JWT_KEY) private readonly key: string,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly events: EventLog,
    private readonly repo: SheltersRepository,
    private readonly shelters: SheltersService,
  ) {}

  async issue(id: string, user: AuthUser, body: ShelterLinkRequest): Promise<ShelterLinkDto> {
    const expiresAt = new Date(this.clock.now().getTime() + body.ttlHours * 3600_000);
    return this.events.write(user.username, async (tx) => {
      const s = await this.repo.bumpLinkVersion(tx.manager, id);
      if (!s) throw notFound('Shelter');
      // The change itself is the event (the token never goes into the log).
      tx.emit('resource.updated', resourceChange.shelter(s), {
        subdistrictCodes: [s.subdistrictCode],
      });
      const token = signShelterLink(this.key, {
        shelterId: s.id,
        version: s.managerLinkVersion,
        expiresAt,
      });
      return { token, path: `/shelter/${token}`, expiresAt: expiresAt.toISOString() };
    });
  }

  async view(token: string): Promise<ShelterLinkView> {
    const { shelter, expiresAt } = await this.resolve(token);
    return {
      shelterId: shelter.id,
      code: shelter.code,
      name: shelter.name,
      status: shelter.status,
      capacity: shelter.capacity,
      occupancy: shelter.occupancy,
      occupancyDay: shelter.occupancyDay,
      occupancyNight: shelter.occupancyNight,
      expiresAt: expiresAt.toISOString(),
    };
  }

  async updateOccupancy(token: string, body: OccupancyUpdate): Promise<ShelterEventPayload> {
    const { shelter } = await this.resolve(token);
    return this.shelters.updateOccupancy(shelter.id, `shelter-link:${shelter.code}`, body);
  }

  private async resolve(token: string): Promise<{ shelter: Shelter; expiresAt: Date }> {
    const claims = verifyShelterLink(this.key, token, this.clock.now());
    if (!claims) throw invalid();
    const shelter = await this.repo.find(this.ds.manager, claims.shelterId);
    if (!shelter || shelter.retiredAt || shelter.managerLinkVersion !== claims.version)
      throw invalid();
    return { shelter, expiresAt: claims.expiresAt };
  }
}

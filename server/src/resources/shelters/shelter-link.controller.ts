import { Body, Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type OccupancyUpdate,
  type ShelterEventPayload,
  type ShelterLinkView,
  shelterLinkRoutes,
  type RouteHandlers,
} from '@sanfang/shared';
import { Route } from '../../common/route.decorator';
import { Public } from '../../auth/decorators';
import { ZodPipe } from '../../common/zod.pipe';
import { ShelterLinksService } from './shelter-links.service';

/** The shelter manager's phone page: the signed link is the credential. */
@ApiTags('shelters')
@Public()
@Controller()
export class ShelterLinkController implements RouteHandlers<typeof shelterLinkRoutes> {
  constructor(private readonly links: ShelterLinksService) {}

  @Route(shelterLinkRoutes.view)
  view(@Param('token') token: string): Promise<ShelterLinkView> {
    return this.links.view(token);
  }

  @Route(shelterLinkRoutes.occupancy)
  occupancy(
    @Param('token') token: string,
    @Body(new ZodPipe(shelterLinkRoutes.occupancy.body)) body: OccupancyUpdate,
  ): Promise<ShelterEventPayload> {
    return this.links.updateOccupancy(token, body);
  }
}

import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  occupancyUpdateSchema,
  type OccupancyUpdate,
  type ShelterEventPayload,
  type ShelterLinkView,
} from '@sanfang/shared';
import { Public } from '../../auth/decorators';
import { ZodPipe } from '../../common/zod.pipe';
import { ShelterLinksService } from './shelter-links.service';

/** The shelter manager's phone page: the signed link is the credential. */
@ApiTags('shelters')
@Public()
@Controller('shelter-link/:token')
export class ShelterLinkController {
  constructor(private readonly links: ShelterLinksService) {}

  @Get()
  view(@Param('token') token: string): Promise<ShelterLinkView> {
    return this.links.view(token);
  }

  @Post('occupancy')
  occupancy(
    @Param('token') token: string,
    @Body(new ZodPipe(occupancyUpdateSchema)) body: OccupancyUpdate,
  ): Promise<ShelterEventPayload> {
    return this.links.updateOccupancy(token, body);
  }
}

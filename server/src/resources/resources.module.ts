import { Module } from '@nestjs/common';
import { ManagementController } from './management/management.controller';
import { ManagementRepository } from './management/management.repository';
import { ManagementService } from './management/management.service';
import { ResourceSettingsController } from './settings/resource-settings.controller';
import { ResourceSettingsService } from './settings/resource-settings.service';
import { ShelterLinkController } from './shelters/shelter-link.controller';
import { ShelterLinksService } from './shelters/shelter-links.service';
import { ShelterProposalsRepository } from './shelters/shelter-proposals.repository';
import { ShelterProposalsService } from './shelters/shelter-proposals.service';
import { SheltersController } from './shelters/shelters.controller';
import { SheltersRepository } from './shelters/shelters.repository';
import { SheltersService } from './shelters/shelters.service';
import { StockController } from './stock/stock.controller';
import { StockRepository } from './stock/stock.repository';
import { StockService } from './stock/stock.service';
import { GeoModule } from '../geo/geo.module';
import { CoverageReactor } from './teams/coverage.reactor';
import { TeamsController } from './teams/teams.controller';
import { TeamsRepository } from './teams/teams.repository';
import { TeamsService } from './teams/teams.service';

/** Shelters, rescue teams and warehouses as live status (the write side; reads are in geo). */
@Module({
  imports: [GeoModule],
  controllers: [
    SheltersController,
    ShelterLinkController,
    TeamsController,
    StockController,
    ManagementController,
    ResourceSettingsController,
  ],
  providers: [
    SheltersRepository,
    SheltersService,
    ShelterLinksService,
    ShelterProposalsService,
    ShelterProposalsRepository,
    TeamsRepository,
    TeamsService,
    CoverageReactor,
    StockRepository,
    StockService,
    ManagementService,
    ManagementRepository,
    ResourceSettingsService,
  ],
})
export class ResourcesModule {}

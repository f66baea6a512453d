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
import { ResourceLayersController } from './layers/layers.controller';
import { ResourceLayersRepository } from './layers/layers.repository';
import { ResourceLayersService } from './layers/layers.service';
import { CoverageReactor } from './teams/coverage.reactor';
import { TeamsController } from './teams/teams.controller';
import { TeamsRepository } from './teams/teams.repository';
import { TeamsService } from './teams/teams.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Shelter } from './entities/shelter.entity';
import { RescueTeam } from './entities/rescue-team.entity';
import { Warehouse } from './entities/warehouse.entity';
import { StockItem } from './entities/stock-item.entity';
import { StockMovement } from './entities/stock-movement.entity';
import { ShelterProposal } from './entities/shelter-proposal.entity';
import { ActiveResponse } from './entities/active-response.entity';
import { CoverageGap } from './entities/coverage-gap.entity';

/** Shelters, rescue teams and warehouses: their tables, map layers and live status. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Shelter,
      RescueTeam,
      Warehouse,
      StockItem,
      StockMovement,
      ShelterProposal,
      ActiveResponse,
      CoverageGap,
    ]),
    GeoModule,
  ],
  controllers: [
    ResourceLayersController,
    SheltersController,
    ShelterLinkController,
    TeamsController,
    StockController,
    ManagementController,
    ResourceSettingsController,
  ],
  providers: [
    ResourceLayersRepository,
    ResourceLayersService,
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

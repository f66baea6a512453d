import { Module } from '@nestjs/common';
import { GeoController } from './geo.controller';
import { GeoRepository } from './geo.repository';
import { GeoService } from './geo.service';
import { SubdistrictCheck } from './subdistrict-check';

@Module({
  controllers: [GeoController],
  providers: [GeoRepository, GeoService, SubdistrictCheck],
  exports: [GeoService, GeoRepository, SubdistrictCheck],
})
export class GeoModule {}

import { Module } from '@nestjs/common';
import { GeoController } from './geo.controller';
import { GeoRepository } from './geo.repository';
import { GeoService } from './geo.service';

@Module({
  controllers: [GeoController],
  providers: [GeoRepository, GeoService],
  exports: [GeoService, GeoRepository],
})
export class GeoModule {}

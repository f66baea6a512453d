import { Module } from '@nestjs/common';
import { GeoController } from './geo.controller';
import { GeoRepository } from './geo.repository';
import { GeoService } from './geo.service';
import { SubdistrictCheck } from './subdistrict-check';
import { TypeOrmModule } from '@nestjs/typeorm';
import { District } from './entities/district.entity';
import { Subdistrict } from './entities/subdistrict.entity';
import { WaterloggingPoint } from './entities/waterlogging-point.entity';
import { Contact } from './entities/contact.entity';

@Module({
  imports: [TypeOrmModule.forFeature([District, Subdistrict, WaterloggingPoint, Contact])],
  controllers: [GeoController],
  providers: [GeoRepository, GeoService, SubdistrictCheck],
  exports: [GeoService, GeoRepository, SubdistrictCheck],
})
export class GeoModule {}

import { Module } from '@nestjs/common';
import { GeoModule } from '../geo/geo.module';
import { NoticesController } from './notices.controller';
import { NoticesRepository } from './notices.repository';
import { NoticesService } from './notices.service';

@Module({
  imports: [GeoModule],
  controllers: [NoticesController],
  providers: [NoticesRepository, NoticesService],
})
export class NoticesModule {}

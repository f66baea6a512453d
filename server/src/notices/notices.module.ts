import { Module } from '@nestjs/common';
import { GeoModule } from '../geo/geo.module';
import { NoticesController } from './notices.controller';
import { NoticesRepository } from './notices.repository';
import { NoticesService } from './notices.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Notice } from './entities/notice.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Notice]), GeoModule],
  controllers: [NoticesController],
  providers: [NoticesRepository, NoticesService],
})
export class NoticesModule {}

import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EventLog } from './event-log.service';
import { EventsController } from './events.controller';
import { EventsGateway } from './events.gateway';
import { EventsPublisher } from './events.publisher';
import { EventsRepository } from './events.repository';
import { Reactors } from './reactors.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventRecord } from './entities/event-record.entity';
import { EventCounter } from './entities/event-counter.entity';
import { ReactorCursor } from './entities/reactor-cursor.entity';

/** The event log, its HTTP reader and the live gateway; every feature writes through EventLog. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([EventRecord, EventCounter, ReactorCursor]), AuthModule],
  controllers: [EventsController],
  providers: [EventsRepository, EventsPublisher, EventLog, EventsGateway, Reactors],
  exports: [EventLog, EventsRepository, Reactors, EventsPublisher],
})
export class EventsModule {}

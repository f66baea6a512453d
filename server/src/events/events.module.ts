import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EventLog } from './event-log.service';
import { EventsController } from './events.controller';
import { EventsGateway } from './events.gateway';
import { EventsPublisher } from './events.publisher';
import { EventsRepository } from './events.repository';
import { Reactors } from './reactors.service';

/** The event log, its HTTP reader and the live gateway; every feature writes through EventLog. */
@Global()
@Module({
  imports: [AuthModule],
  controllers: [EventsController],
  providers: [EventsRepository, EventsPublisher, EventLog, EventsGateway, Reactors],
  exports: [EventLog, EventsRepository, Reactors],
})
export class EventsModule {}

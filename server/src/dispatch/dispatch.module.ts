import { Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuthModule } from '../auth/auth.module';
import { AckRateLimitGuard, SharedCounters } from './ack-rate-limit.guard';
import { AckService } from './ack.service';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { resolveStoredSecret } from '../config/secrets';
import { AckTokens } from './ack-token';
import { DISPATCH_CONFIG, type DispatchConfig, loadDispatchConfig } from './dispatch.config';
import {
  AckController,
  DispatchesController,
  NotificationsController,
  SmsController,
} from './dispatch.controllers';
import { DispatchQueryService } from './dispatch-query.service';
import { DispatchRepository } from './dispatch.repository';
import { DispatchService } from './dispatch.service';
import { ACK_TOKENS } from './dispatch.tokens';
import { EscalationService } from './escalation.service';
import { NOTIFY_CHANNEL, type NotifyChannel } from './notify/channel';
import { LogChannel } from './notify/log.channel';
import { NotificationsRepository } from './notify/notifications.repository';
import { Outbox } from './notify/outbox.service';
import { WebhookChannel } from './notify/webhook.channel';
import { DispatchRecord } from './entities/dispatch.entity';
import { NotificationRecord } from './entities/notification.entity';

/** Call-outs, deadlines and escalation, the contact's answers, and outbound messages. */
@Module({
  imports: [TypeOrmModule.forFeature([DispatchRecord, NotificationRecord]), AuthModule],
  controllers: [DispatchesController, AckController, SmsController, NotificationsController],
  providers: [
    { provide: DISPATCH_CONFIG, useFactory: (): DispatchConfig => loadDispatchConfig() },
    {
      provide: ACK_TOKENS,
      inject: [getDataSourceToken(), APP_CONFIG],
      useFactory: async (ds: DataSource, c: AppConfig) =>
        new AckTokens(
          await resolveStoredSecret(ds, 'ack_token_secret', c.ackTokenSecret),
          c.ackTokenSecretPrevious,
        ),
    },
    {
      provide: NOTIFY_CHANNEL,
      inject: [DISPATCH_CONFIG],
      useFactory: (c: DispatchConfig): NotifyChannel =>
        c.channel === 'webhook' && c.webhookUrl
          ? new WebhookChannel(c.webhookUrl, c.webhookTimeoutMs)
          : new LogChannel(),
    },
    DispatchRepository,
    DispatchService,
    DispatchQueryService,
    EscalationService,
    AckService,
    AckRateLimitGuard,
    SharedCounters,
    NotificationsRepository,
    Outbox,
  ],
  exports: [DispatchService, Outbox, EscalationService, DISPATCH_CONFIG],
})
export class DispatchModule {}

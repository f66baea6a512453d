import { Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuthModule } from '../auth/auth.module';
import { AckRateLimitGuard, SharedCounters } from './ack-rate-limit.guard';
import { AckExtensions } from './ack-extensions';
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
import { NOTIFY_CHANNEL, type NotifyChannel, VOICE_CHANNEL } from './notify/channel';
import { LogChannel } from './notify/log.channel';
import { NotificationsRepository } from './notify/notifications.repository';
import { Outbox } from './notify/outbox.service';
import { SmsDelivery } from './notify/sms-delivery.service';
import { SmppChannel } from './notify/smpp/smpp.channel';
import { parseSmppUrl } from './notify/smpp/smpp-url';
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
        c.channel === 'smpp' && c.smppUrl
          ? new SmppChannel(parseSmppUrl(c.smppUrl))
          : c.channel === 'webhook' && c.webhookUrl
            ? new WebhookChannel(c.webhookUrl, c.webhookTimeoutMs)
            : new LogChannel(),
    },
    {
      // Voice and app push stay behind the webhook: the SMS channel's fallback.
      provide: VOICE_CHANNEL,
      inject: [DISPATCH_CONFIG],
      useFactory: (c: DispatchConfig): NotifyChannel | null =>
        c.channel !== 'webhook' && c.webhookUrl
          ? new WebhookChannel(c.webhookUrl, c.webhookTimeoutMs)
          : null,
    },
    DispatchRepository,
    DispatchService,
    DispatchQueryService,
    EscalationService,
    AckService,
    AckExtensions,
    AckRateLimitGuard,
    SharedCounters,
    NotificationsRepository,
    Outbox,
    SmsDelivery,
  ],
  exports: [
    DispatchService,
    DispatchRepository,
    Outbox,
    EscalationService,
    DISPATCH_CONFIG,
    AckExtensions,
    ACK_TOKENS,
  ],
})
export class DispatchModule {}

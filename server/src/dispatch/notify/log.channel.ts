import { Logger } from '@nestjs/common';
import type { NotifyChannel, OutboundMessage } from './channel';

/** The default channel: the message is stored (the outbox row) and logged; nothing leaves. */
export class LogChannel implements NotifyChannel {
  readonly name = 'log' as const;
  readonly storesOnly = true;
  private readonly log = new Logger('notify:log');

  send(messages: OutboundMessage[]): ReturnType<NotifyChannel['send']> {
    this.log.debug(`${messages.length} message(s) stored for admins`);
    return Promise.resolve({ delivered: messages.map((m) => m.id), failed: [] });
  }
}

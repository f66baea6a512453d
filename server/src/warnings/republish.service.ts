import { Inject, Injectable } from '@nestjs/common';
import { notFound } from '../common/api-exception';
import { CLOCK, type Clock } from '../core/clock';
import { renderActiveAtom } from './atom';
import { WarningsRepository } from './warnings.repository';

/**
 * Re-publication for other systems. Public (Atom readers rarely send bearer tokens), so it
 * carries only Actual, Public-scope, active in-district warnings and their stored messages.
 */
@Injectable()
export class RepublishService {
  constructor(
    private readonly repo: WarningsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async activeAtom(baseUrl: string): Promise<string> {
    const now = this.clock.now();
    const active = await this.repo.warnings({ active: true, now, limit: 500 });
    const shown: typeof active = [];
    for (const w of active) {
      const m = w.status === 'Actual' ? await this.repo.messageWithRaw(w.currentMessageId) : null;
      if (m?.scope === 'Public') shown.push(w);
    }
    return renderActiveAtom(baseUrl, shown, now);
  }

  /**
   * The stored CAP verbatim (the bytes as received, with their charset); only Actual +
   * Public messages are published.
   */
  async message(id: string): Promise<{ body: Buffer; contentType: string }> {
    const m = await this.repo.messageWithRaw(id);
    if (!m || m.status !== 'Actual' || m.scope !== 'Public') throw notFound('CAP message');
    return {
      body: m.rawBytes ?? Buffer.from(m.rawXml, 'utf8'),
      contentType: `application/cap+xml; charset=${m.rawBytes ? m.encoding : 'utf-8'}`,
    };
  }
}

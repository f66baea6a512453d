import { HttpStatus, Injectable } from '@nestjs/common';
import type { FeedCaller } from '../auth/auth.types';
import { ApiException } from '../common/api-exception';
import { charsetOf } from './cap/decode';
import { IngestService, type IngestReply } from './ingest.service';

const ACCEPTED = /^\s*application\/(cap\+xml|xml)\s*(;|$)/i;

/** POST /api/feeds/cap: content type first, then the shared ingest path. */
@Injectable()
export class PushService {
  constructor(private readonly ingest: IngestService) {}

  receive(feed: FeedCaller, contentType: string | undefined, body: unknown): Promise<IngestReply> {
    if (!contentType || !ACCEPTED.test(contentType) || !Buffer.isBuffer(body)) {
      throw new ApiException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'UNSUPPORTED_MEDIA_TYPE',
        'Send CAP XML as application/cap+xml or application/xml',
        'headers.content-type',
      );
    }
    // The bytes as sent: the ingest decodes them (byte-order mark, charset, XML declaration).
    return this.ingest.ingest(
      body,
      { source: 'push', name: feed.name, trustedCertificates: feed.trustedCertificates },
      charsetOf(contentType),
    );
  }
}

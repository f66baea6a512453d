import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CreatedFeedTokenDto, CreateFeedToken, FeedTokenDto } from '@sanfang/shared';
import { AuthService, sha256Hex } from '../../auth/auth.service';
import type { AuthUser } from '../../auth/auth.types';
import type { FeedToken } from '../../auth/entities/feed-token.entity';
import { notFound } from '../../common/api-exception';
import { EventLog } from '../../events/event-log.service';
import { certificateLabels, checkCertificates } from '../cap/signature';
import { FeedTokensRepository } from './feed-tokens.repository';

const toDto = (t: FeedToken): FeedTokenDto => ({
  id: t.id,
  name: t.name,
  createdAt: t.createdAt.toISOString(),
  revokedAt: t.revokedAt?.toISOString() ?? null,
  trustedCertificates: certificateLabels(t.trustedCertificates ?? []),
});

/** Admin management of machine feed tokens; the token itself is shown once. */
@Injectable()
export class FeedTokensService {
  constructor(
    private readonly events: EventLog,
    private readonly repo: FeedTokensRepository,
    private readonly auth: AuthService,
  ) {}

  create(user: AuthUser, body: CreateFeedToken): Promise<CreatedFeedTokenDto> {
    const token = `sft_${randomBytes(24).toString('base64url')}`;
    return this.events.write(user.username, async (tx) => {
      const row = await this.repo.create(tx.manager, {
        name: body.name,
        tokenSha256: sha256Hex(token),
      });
      tx.emit('cap.config_changed', {
        what: 'feed_token',
        action: 'created',
        id: row.id,
        name: row.name,
      });
      return { ...toDto(row), token };
    });
  }

  async list(): Promise<FeedTokenDto[]> {
    return (await this.repo.list()).map(toDto);
  }

  /** Replaces the token's trusted certificates; its next message is checked against them. */
  async setCertificates(user: AuthUser, id: string, pems: string[]): Promise<FeedTokenDto> {
    checkCertificates(pems);
    const dto = await this.events.write(user.username, async (tx) => {
      const row = await this.repo.find(tx.manager, id);
      if (!row) throw notFound('Feed token');
      row.trustedCertificates = pems;
      await this.repo.save(tx.manager, row);
      tx.emit('cap.config_changed', {
        what: 'feed_token',
        action: 'updated',
        id: row.id,
        name: `${row.name}: ${pems.length} trusted certificate(s)`,
      });
      return toDto(row);
    });
    this.auth.forgetFeedTokens();
    return dto;
  }

  async revoke(user: AuthUser, id: string): Promise<FeedTokenDto> {
    const dto = await this.events.write(user.username, async (tx) => {
      const row = await this.repo.find(tx.manager, id);
      if (!row) throw notFound('Feed token');
      row.revokedAt ??= new Date();
      await this.repo.save(tx.manager, row);
      tx.emit('cap.config_changed', {
        what: 'feed_token',
        action: 'revoked',
        id: row.id,
        name: row.name,
      });
      return toDto(row);
    });
    this.auth.forgetFeedTokens();
    return dto;
  }
}

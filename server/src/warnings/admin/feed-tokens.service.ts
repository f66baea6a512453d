import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CreatedFeedTokenDto, CreateFeedToken, FeedTokenDto } from '@sanfang/shared';
import { AuthService, sha256Hex } from '../../auth/auth.service';
import type { AuthUser } from '../../auth/auth.types';
import { FeedToken } from '../../auth/entities/feed-token.entity';
import { notFound } from '../../common/api-exception';
import { EventLog } from '../../events/event-log.service';
import { certificateLabels, checkCertificates } from '../cap/signature';

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
    @InjectDataSource() private readonly ds: DataSource,
    private readonly auth: AuthService,
  ) {}

  create(user: AuthUser, body: CreateFeedToken): Promise<CreatedFeedTokenDto> {
    const token = `sft_${randomBytes(24).toString('base64url')}`;
    return this.events.write(user.username, async (tx) => {
      const repo = tx.manager.getRepository(FeedToken);
      const row = await repo.save(repo.create({ name: body.name, tokenSha256: sha256Hex(token) }));
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
    const rows = await this.ds.getRepository(FeedToken).find({ order: { createdAt: 'ASC' } });
    return rows.map(toDto);
  }

  /** Replaces the token's trusted certificates; its next message is checked against them. */
  async setCertificates(user: AuthUser, id: string, pems: string[]): Promise<FeedTokenDto> {
    checkCertificates(pems);
    const dto = await this.events.write(user.username, async (tx) => {
      const repo = tx.manager.getRepository(FeedToken);
      const row = await repo.findOne({ where: { id } });
      if (!row) throw notFound('Feed token');
      row.trustedCertificates = pems;
      await repo.save(row);
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
      const repo = tx.manager.getRepository(FeedToken);
      const row = await repo.findOne({ where: { id } });
      if (!row) throw notFound('Feed token');
      row.revokedAt ??= new Date();
      await repo.save(row);
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

import { HttpStatus, Injectable } from '@nestjs/common';
import type { NoticeDto, PostNotice } from '@sanfang/shared';
import type { AuthUser } from '../auth/auth.types';
import { ApiException } from '../common/api-exception';
import { EventLog } from '../events/event-log.service';
import { SubdistrictCheck } from '../geo/subdistrict-check';
import { NoticesRepository } from './notices.repository';
import type { Notice } from './entities/notice.entity';

const toDto = (n: Notice): NoticeDto => ({
  id: n.id,
  text: n.text,
  level: n.level,
  subdistrictCodes: n.subdistrictCodes,
  author: n.author,
  createdAt: n.createdAt.toISOString(),
});

@Injectable()
export class NoticesService {
  constructor(
    private readonly events: EventLog,
    private readonly repo: NoticesRepository,
    private readonly subdistricts: SubdistrictCheck,
  ) {}

  async post(user: AuthUser, body: PostNotice): Promise<NoticeDto> {
    // A subdistrict-bound officer may only post to their own subdistrict.
    const codes = user.subdistrictCode ? [user.subdistrictCode] : body.subdistrictCodes;
    if (user.subdistrictCode && body.subdistrictCodes.some((c) => c !== user.subdistrictCode)) {
      throw new ApiException(
        HttpStatus.FORBIDDEN,
        'AUTH_FORBIDDEN',
        'You may post only to your own subdistrict',
        'body.subdistrictCodes',
      );
    }
    await this.subdistricts.assertKnown(codes, 'body.subdistrictCodes');
    const notice = await this.events.write(user.username, async (tx) => {
      const n = await this.repo.insert(tx.manager, {
        text: body.text,
        level: body.level,
        subdistrictCodes: codes,
        author: user.username,
      });
      tx.emit(
        'notice.posted',
        { id: n.id, text: n.text, level: n.level, author: n.author },
        { subdistrictCodes: codes },
      );
      return n;
    });
    return toDto(notice);
  }

  async recent(user: AuthUser): Promise<NoticeDto[]> {
    return (await this.repo.recent(user.subdistrictCode, 100)).map(toDto);
  }
}

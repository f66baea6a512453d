import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  AdminUserDto,
  CreateUser,
  ResetPassword,
  UpdateUser,
  UserChangeAction,
  UsersQuery,
} from '@sanfang/shared';
import { Brackets, type DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth.types';
import { User } from '../auth/entities/user.entity';
import { LiveSessions } from '../auth/live-sessions';
import { hashPassword } from '../auth/password';
import { ApiException, notFound } from '../common/api-exception';
import type { EventTx } from '../events/event-log';
import { EventLog } from '../events/event-log.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const toAdminUserDto = (u: User): AdminUserDto => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  subdistrictCode: u.subdistrictCode,
  disabled: u.disabled,
  createdAt: u.createdAt.toISOString(),
});

const selfLockout = (): ApiException => new ApiException(HttpStatus.CONFLICT, 'USER_SELF_LOCKOUT');

/**
 * User administration. Every change is an event (the audit trail: who = actor, when =
 * occurredAt, what = payload). A change that takes rights away raises the user's session
 * version, so their next request is refused, and closes their sockets on every instance.
 */
@Injectable()
export class UsersAdminService {
  constructor(
    private readonly events: EventLog,
    private readonly live: LiveSessions,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  async list(q: UsersQuery): Promise<AdminUserDto[]> {
    const qb = this.ds
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.deleted_at IS NULL')
      .andWhere(q.kind === 'contact' ? `u.role = 'contact'` : `u.role <> 'contact'`)
      .orderBy('u.username')
      .limit(q.limit);
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(
        new Brackets((w) =>
          w.where('u.username ILIKE :like', { like }).orWhere('u.display_name ILIKE :like'),
        ),
      );
    }
    return (await qb.getMany()).map(toAdminUserDto);
  }

  async create(by: AuthUser, body: CreateUser): Promise<AdminUserDto> {
    const passwordHash = await hashPassword(body.password);
    return this.events.write(by.username, async (tx) => {
      await this.checkSubdistrict(tx.manager, body.subdistrictCode);
      const rows: User[] = await tx.manager.query(
        `INSERT INTO users (username, password_hash, display_name, role, subdistrict_code)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username) DO NOTHING RETURNING id`,
        [body.username, passwordHash, body.displayName, body.role, body.subdistrictCode],
      );
      if (!rows[0])
        throw new ApiException(HttpStatus.CONFLICT, 'USER_EXISTS', undefined, 'body.username');
      const user = await this.load(tx.manager, rows[0].id);
      this.emit(tx, 'created', user);
      return toAdminUserDto(user);
    });
  }

  async update(by: AuthUser, id: string, body: UpdateUser): Promise<AdminUserDto> {
    const { user, ended } = await this.events.write(by.username, async (tx) => {
      const user = await this.load(tx.manager, id);
      const self = user.id === by.id;
      const roleChange = body.role !== undefined && body.role !== user.role;
      const disabling = body.disabled === true && !user.disabled;
      const enabling = body.disabled === false && user.disabled;
      if (self && (roleChange || disabling)) throw selfLockout();
      if (roleChange && user.role === 'contact') {
        throw new ApiException(HttpStatus.CONFLICT, 'USER_CONTACT_ROLE', undefined, 'body.role');
      }
      if (body.subdistrictCode !== undefined) {
        await this.checkSubdistrict(tx.manager, body.subdistrictCode);
      }
      const fromRole = user.role;
      const moved =
        body.subdistrictCode !== undefined && body.subdistrictCode !== user.subdistrictCode;
      const detail =
        moved || (body.displayName !== undefined && body.displayName !== user.displayName);
      if (body.displayName !== undefined) user.displayName = body.displayName;
      if (body.subdistrictCode !== undefined) user.subdistrictCode = body.subdistrictCode;
      if (body.role !== undefined) user.role = body.role;
      if (body.disabled !== undefined) user.disabled = body.disabled;
      // Rights taken away or changed (a subdistrict decides what one sees): every token ends.
      const ended = roleChange || disabling || moved;
      if (ended) user.sessionVersion += 1;
      await tx.manager.getRepository(User).save(user);
      if (roleChange) this.emit(tx, 'role_changed', user, fromRole);
      if (disabling) this.emit(tx, 'disabled', user);
      if (enabling) this.emit(tx, 'enabled', user);
      if (detail) this.emit(tx, 'updated', user);
      return { user, ended };
    });
    if (ended) this.live.endUser(user.id);
    return toAdminUserDto(user);
  }

  async resetPassword(by: AuthUser, id: string, body: ResetPassword): Promise<void> {
    const passwordHash = await hashPassword(body.password);
    await this.events.write(by.username, async (tx) => {
      const user = await this.load(tx.manager, id);
      user.passwordHash = passwordHash;
      user.sessionVersion += 1;
      await tx.manager.getRepository(User).save(user);
      this.emit(tx, 'password_reset', user);
    });
    this.live.endUser(id);
  }

  async endSessions(by: AuthUser, id: string): Promise<void> {
    await this.events.write(by.username, async (tx) => {
      const user = await this.load(tx.manager, id);
      user.sessionVersion += 1;
      await tx.manager.getRepository(User).save(user);
      this.emit(tx, 'sessions_ended', user);
    });
    this.live.endUser(id);
  }

  /** Soft delete: the row stays for the audit trail (events name it); the name stays taken. */
  async remove(by: AuthUser, id: string): Promise<AdminUserDto> {
    const user = await this.events.write(by.username, async (tx) => {
      const user = await this.load(tx.manager, id);
      if (user.id === by.id) throw selfLockout();
      user.deletedAt = new Date();
      user.disabled = true;
      user.sessionVersion += 1;
      await tx.manager.getRepository(User).save(user);
      this.emit(tx, 'deleted', user);
      return user;
    });
    this.live.endUser(id);
    return toAdminUserDto(user);
  }

  private emit(tx: EventTx, action: UserChangeAction, u: User, fromRole?: User['role']): void {
    tx.emit('user.changed', {
      action,
      userId: u.id,
      username: u.username,
      role: u.role,
      ...(fromRole === undefined ? {} : { fromRole }),
    });
  }

  /** The row, locked for the change; a deleted user is gone as far as the API goes. */
  private async load(m: EntityManager, id: string): Promise<User> {
    const user = UUID.test(id)
      ? await m
          .getRepository(User)
          .createQueryBuilder('u')
          .setLock('pessimistic_write')
          .where('u.id = :id AND u.deleted_at IS NULL', { id })
          .getOne()
      : null;
    if (!user) throw notFound('User');
    return user;
  }

  private async checkSubdistrict(m: EntityManager, code: string | null): Promise<void> {
    if (code === null) return;
    const rows: unknown[] = await m.query(`SELECT 1 FROM subdistricts WHERE code = $1`, [code]);
    if (rows.length === 0) {
      throw new ApiException(
        HttpStatus.BAD_REQUEST,
        'VALIDATION_FAILED',
        `No subdistrict has the code ${code}`,
        'body.subdistrictCode',
      );
    }
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { UsersQuery } from '@sanfang/shared';
import { Brackets, type DataSource, type EntityManager } from 'typeorm';
import { User } from '../auth/entities/user.entity';

/** User rows as the admin pages manage them (auth reads them to sign in). */
@Injectable()
export class UsersAdminRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Live accounts of one kind (contacts or staff), filtered by name. */
  list(q: UsersQuery): Promise<User[]> {
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
    return qb.getMany();
  }

  /** The new user's id, or null when the username is taken. */
  async insert(
    m: EntityManager,
    u: Pick<User, 'username' | 'passwordHash' | 'displayName' | 'role' | 'subdistrictCode'>,
  ): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO users (username, password_hash, display_name, role, subdistrict_code)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username) DO NOTHING RETURNING id`,
      [u.username, u.passwordHash, u.displayName, u.role, u.subdistrictCode],
    );
    return rows[0]?.id ?? null;
  }

  /** A live (not deleted) user, locked for the change. */
  locked(m: EntityManager, id: string): Promise<User | null> {
    return m
      .getRepository(User)
      .createQueryBuilder('u')
      .setLock('pessimistic_write')
      .where('u.id = :id AND u.deleted_at IS NULL', { id })
      .getOne();
  }

  async save(m: EntityManager, u: User): Promise<void> {
    await m.getRepository(User).save(u);
  }

  async subdistrictExists(m: EntityManager, code: string): Promise<boolean> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM subdistricts WHERE code = $1`, [code]);
    return rows.length > 0;
  }
}

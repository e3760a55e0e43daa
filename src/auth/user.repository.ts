import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import type { StaffRole } from './auth.types';

export type UserRow = typeof users.$inferSelect;
export type NewUser = { username: string; displayName: string; role: StaffRole; regionCode: string | null; passwordHash: string };

export class UserRepository {
  constructor(private readonly db: Db) {}

  insert(u: NewUser): UserRow {
    return this.db.insert(users).values(u).returning().get();
  }

  findByUsername(username: string): UserRow | undefined {
    return this.db.select().from(users).where(eq(users.username, username)).get();
  }

  findById(id: number): UserRow | undefined {
    return this.db.select().from(users).where(eq(users.id, id)).get();
  }

  setDisabled(id: number, disabled: boolean): void {
    this.db.update(users).set({ disabled }).where(eq(users.id, id)).run();
  }

  setPasswordHash(id: number, passwordHash: string): void {
    this.db.update(users).set({ passwordHash }).where(eq(users.id, id)).run();
  }

  list(): Array<Omit<UserRow, 'passwordHash'>> {
    return this.db
      .select({
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        role: users.role,
        regionCode: users.regionCode,
        disabled: users.disabled,
        createdAt: users.createdAt,
      })
      .from(users)
      .orderBy(asc(users.id))
      .all();
  }
}

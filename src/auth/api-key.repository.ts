import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { apiKeys } from '../db/schema';

export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type ApiKeyInfo = Omit<ApiKeyRow, 'keyHash'>;

export class ApiKeyRepository {
  constructor(private readonly db: Db) {}

  insert(k: { id: string; name: string; keyHash: string; scopes: string[]; regions: string[] | null; expiresAt: string | null }): void {
    this.db.insert(apiKeys).values(k).run();
  }

  findById(id: string): ApiKeyRow | undefined {
    return this.db.select().from(apiKeys).where(eq(apiKeys.id, id)).get();
  }

  /** True when the key existed and was active. */
  revoke(id: string, atIso: string): boolean {
    const key = this.findById(id);
    if (!key || key.revokedAt) return false;
    this.db.update(apiKeys).set({ revokedAt: atIso }).where(eq(apiKeys.id, id)).run();
    return true;
  }

  touch(id: string, atIso: string): void {
    this.db.update(apiKeys).set({ lastUsedAt: atIso }).where(eq(apiKeys.id, id)).run();
  }

  list(): ApiKeyInfo[] {
    return this.db
      .select({
        id: apiKeys.id,
        name: apiKeys.name,
        createdAt: apiKeys.createdAt,
        revokedAt: apiKeys.revokedAt,
        lastUsedAt: apiKeys.lastUsedAt,
        scopes: apiKeys.scopes,
        regions: apiKeys.regions,
        expiresAt: apiKeys.expiresAt,
      })
      .from(apiKeys)
      .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id))
      .all();
  }
}

import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { policyProfiles } from '../db/schema';
import { policyProfileSchema, type PolicyProfile } from './policy.schema';
import { BUILT_IN_PROFILE_IDS } from './profiles';
import { AppError } from '../shared/errors';

export interface StoredProfile {
  profile: PolicyProfile;
  loadedAt: string;
  loadedBy: string | null;
}

export class BuiltInProfileError extends AppError {
  constructor(readonly profileId: string) {
    super('POLICY_BUILT_IN', `policy profile ${profileId} is built in and cannot be overwritten`);
  }
}

type Row = typeof policyProfiles.$inferSelect;

/**
 * Administrator-loaded profiles. Versions are append-only: loading an id again stores version + 1
 * and earlier versions stay readable (a closed cycle can be re-explained with the rules it used).
 */
export class PolicyProfileRepository {
  constructor(
    private readonly db: Db,
    private readonly reservedIds: ReadonlySet<string> = BUILT_IN_PROFILE_IDS,
  ) {}

  /** Stores `profile` (already validated) as the id's next version; its own version field is replaced. */
  save(profile: PolicyProfile, loadedBy?: string): StoredProfile {
    if (this.reservedIds.has(profile.id)) throw new BuiltInProfileError(profile.id);
    return this.db.transaction((tx) => {
      const max =
        tx
          .select({ v: sql<number | null>`max(${policyProfiles.version})` })
          .from(policyProfiles)
          .where(eq(policyProfiles.id, profile.id))
          .get()?.v ?? 0;
      const body: PolicyProfile = { ...profile, version: max + 1 };
      const row = tx
        .insert(policyProfiles)
        .values({ id: body.id, version: body.version, body, loadedBy: loadedBy ?? null })
        .returning()
        .get();
      return this.toStored(row);
    });
  }

  getLatest(id: string): StoredProfile | undefined {
    const row = this.db.select().from(policyProfiles).where(eq(policyProfiles.id, id)).orderBy(desc(policyProfiles.version)).limit(1).get();
    return row ? this.toStored(row) : undefined;
  }

  getVersion(id: string, version: number): StoredProfile | undefined {
    const row = this.db
      .select()
      .from(policyProfiles)
      .where(and(eq(policyProfiles.id, id), eq(policyProfiles.version, version)))
      .get();
    return row ? this.toStored(row) : undefined;
  }

  /** The latest version of every custom profile, by id. */
  listLatest(): StoredProfile[] {
    const rows = this.db
      .select()
      .from(policyProfiles)
      .where(sql`${policyProfiles.version} = (select max(p2.version) from ${policyProfiles} p2 where p2.id = ${policyProfiles.id})`)
      .orderBy(policyProfiles.id)
      .all();
    return rows.map((r) => this.toStored(r));
  }

  listVersions(id: string): Array<{ version: number; loadedAt: string; loadedBy: string | null }> {
    return this.db
      .select({ version: policyProfiles.version, loadedAt: policyProfiles.loadedAt, loadedBy: policyProfiles.loadedBy })
      .from(policyProfiles)
      .where(eq(policyProfiles.id, id))
      .orderBy(policyProfiles.version)
      .all();
  }

  private toStored(row: Row): StoredProfile {
    // Bodies were validated on the way in; re-parsing restores the exact types (and catches schema drift).
    const parsed = policyProfileSchema.safeParse(row.body);
    if (!parsed.success) throw new Error(`stored policy profile ${row.id}@${row.version} no longer validates: ${parsed.error.message}`);
    return { profile: { ...parsed.data, version: row.version }, loadedAt: row.loadedAt, loadedBy: row.loadedBy };
  }
}

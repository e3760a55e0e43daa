import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EnterpriseRepository } from '../../src/intake/enterprise.repository';
import { ExpertRepository } from '../../src/intake/expert.repository';
import { expertSchema } from '../../src/intake/expert.schema';
import { enterpriseSchema } from '../../src/intake/enterprise.schema';
import { ReferenceRepository } from '../../src/intake/reference.repository';
import { REGIONS } from '../../src/intake/regions.data';
import { PolicyContextRepository } from '../../src/policy/policy-context.repository';
import { BuiltInProfileError, PolicyProfileRepository } from '../../src/policy/policy-profile.repository';
import { policyProfileSchema } from '../../src/policy/policy.schema';
import { createTempDb } from '../helpers/temp-db';
import { SCENARIOS } from './fixtures';

const A = '91420111MA4K00001A';
const B = '91420111MA4K00002B';
let tmp: ReturnType<typeof createTempDb>;

beforeEach(() => {
  tmp = createTempDb();
  new ReferenceRepository(tmp.db).syncRegions(REGIONS);
});
afterEach(() => tmp.cleanup());

describe('PolicyContextRepository', () => {
  beforeEach(() => {
    const experts = new ExpertRepository(tmp.db);
    const base = SCENARIOS['wuhan-2023'].expert;
    experts.upsert(
      expertSchema.parse({ ...base, externalId: 'E-2021', serviceHistory: [{ enterpriseCreditCode: A, cycle: 'wh-2021', startDate: '2021-06-01', endDate: '2023-05-31' }] }),
    );
    experts.upsert(
      expertSchema.parse({ ...base, externalId: 'E-2022', serviceHistory: [{ enterpriseCreditCode: B, cycle: 'wh-2022', startDate: '2022-06-01', endDate: '2024-05-31' }] }),
    );
    experts.upsert(expertSchema.parse({ ...base, externalId: 'E-2023', serviceHistory: [{ enterpriseCreditCode: B, cycle: 'wh-2023', startDate: '2023-06-01' }] }));
    experts.upsert(expertSchema.parse({ ...base, externalId: 'E-NONE' }));
  });

  it('loads the experts of the given previous cycles', () => {
    const repo = new PolicyContextRepository(tmp.db);
    expect([...repo.loadPreviousCycleExperts(['wh-2021', 'wh-2022'])].sort()).toEqual(['E-2021', 'E-2022']);
    expect(repo.loadPreviousCycleExperts([]).size).toBe(0);
  });

  it('knows which enterprises had a 科技副总 before this cycle, ignoring this cycle and later starts', () => {
    const repo = new PolicyContextRepository(tmp.db);
    const facts = repo.loadEnterpriseFacts([A, B, '91420111MA4K00003C'], { referenceDate: '2023-03-01', cycleId: 'wh-2023' });
    expect(facts.get(A)).toEqual({ hadTechVp: true, previousTechVps: ['E-2021'] });
    expect(facts.get(B)).toEqual({ hadTechVp: true, previousTechVps: ['E-2022'] });
    expect(facts.get('91420111MA4K00003C')!.hadTechVp).toBe(false);
    const early = repo.loadEnterpriseFacts([B], { referenceDate: '2022-01-01', cycleId: 'wh-2023' });
    expect(early.get(B)!.hadTechVp).toBe(false);
  });

  it("loads this cycle's appointments both ways round", () => {
    const a = new PolicyContextRepository(tmp.db).loadCycleAssignments('wh-2023');
    expect(a.byExpert.get('E-2023')).toEqual([B]);
    expect(a.byEnterprise.get(B)).toEqual(['E-2023']);
    expect(a.byExpert.has('E-2022')).toBe(false);
  });

  it('batches long lists of credit codes', () => {
    new EnterpriseRepository(tmp.db).upsert(enterpriseSchema.parse({ ...SCENARIOS['wuhan-2023'].enterprise, creditCode: A }));
    const codes = Array.from({ length: 1200 }, (_, i) => `91420111MA4K${String(i).padStart(5, '0')}Y`);
    const facts = new PolicyContextRepository(tmp.db).loadEnterpriseFacts([...codes, A], { referenceDate: '2023-03-01' });
    expect(facts.size).toBe(1201);
    expect(facts.get(A)!.hadTechVp).toBe(true);
  });
});

describe('PolicyProfileRepository', () => {
  const profile = policyProfileSchema.parse({
    id: 'county-pilot',
    name: '县试点',
    jurisdiction: { name: '鹿城区', regionCode: '330302' },
    rules: [{ id: 'age', kind: 'expert.maxAge', effect: 'hard', years: 55, clause: { document: '县文件', article: '二' } }],
  });

  it('stores a new version each time an id is loaded, keeping the old ones', () => {
    const repo = new PolicyProfileRepository(tmp.db);
    expect(repo.save(profile, 'admin').profile.version).toBe(1);
    const v2 = repo.save({ ...profile, version: 9, name: '县试点（修订）' }).profile;
    expect(v2.version).toBe(2);
    expect(repo.getLatest('county-pilot')!.profile.name).toBe('县试点（修订）');
    expect(repo.getVersion('county-pilot', 1)!.profile.name).toBe('县试点');
    expect(repo.getVersion('county-pilot', 1)!.loadedBy).toBe('admin');
    expect(repo.listVersions('county-pilot').map((v) => v.version)).toEqual([1, 2]);
  });

  it('lists the latest version of each custom profile', () => {
    const repo = new PolicyProfileRepository(tmp.db);
    repo.save(profile);
    repo.save(profile);
    repo.save({ ...profile, id: 'another' });
    expect(repo.listLatest().map((s) => `${s.profile.id}@${s.profile.version}`)).toEqual(['another@1', 'county-pilot@2']);
  });

  it('refuses to overwrite a built-in profile', () => {
    expect(() => new PolicyProfileRepository(tmp.db).save({ ...profile, id: 'wenzhou-2025' })).toThrow(BuiltInProfileError);
  });
});

import { describe, expect, it } from 'vitest';
import type { StoredDemand } from '../../src/intake/demand.repository';
import type { Enterprise } from '../../src/intake/enterprise.schema';
import type { Cycle } from '../../src/intake/cycle.schema';
import { BUILT_IN_PROFILES } from '../../src/policy/profiles';
import type { CycleContext } from '../../src/policy/policy.service';
import { RankContextResolver } from '../../src/ranking/rank-context.resolver';
import { RecordCache } from '../../src/ranking/record.cache';

const wenzhou = BUILT_IN_PROFILES.get('wenzhou-2025')!;
const open = BUILT_IN_PROFILES.get('open')!;
const CYCLE: Cycle = { id: 'wz', year: 2026, policy: 'wenzhou-2025', seats: 5, status: 'open', referenceDate: '2026-06-30', previousCycles: [] };
const DEMAND = {
  demand: {
    externalId: 'D1',
    enterpriseCreditCode: 'C1',
    cycle: 'wz',
    title: '电池',
    description: '',
    expectedField: '',
    namedCandidates: [],
    keyCommonTech: false,
    cooperationModes: [],
    providesConditions: true,
  },
  region: '330302',
  review: 'approved',
  enterpriseId: 1,
} as unknown as StoredDemand;

function resolver() {
  const calls = { demands: 0, facts: 0, cycles: 0 };
  const records = new RecordCache();
  records.track(1);
  const r = new RankContextResolver({
    demands: {
      getByExternalId: (id) => {
        calls.demands++;
        if (id === 'P1') return { ...DEMAND, demand: { ...DEMAND.demand, externalId: 'P1', problem: '涂布', requestsVicePresident: false } };
        return id === 'D1' ? DEMAND : undefined;
      },
    },
    enterprises: { getByCreditCode: (c) => (c === 'C1' ? ({ creditCode: 'C1' } as Enterprise) : undefined) },
    reference: { getCycle: (id) => (id === 'wz' ? CYCLE : undefined) },
    policies: {
      resolve: (ref) => BUILT_IN_PROFILES.get(ref)!,
      cycleContext: (id, referenceDate) => {
        calls.cycles++;
        return {
          profile: wenzhou,
          ctx: { referenceDate: referenceDate ?? CYCLE.referenceDate, cycleId: id },
          assignments: { byExpert: new Map(), byEnterprise: new Map() },
        } as CycleContext;
      },
    },
    policyContext: {
      loadEnterpriseFacts: (codes) => {
        calls.facts++;
        return new Map(codes.map((c) => [c, { hadTechVp: true }])) as never;
      },
    },
    records,
    today: () => '2025-01-02',
  });
  return { r, calls, records };
}

const adHoc = { title: '电池热失控', description: '', expectedField: '', namedCandidates: [] };

describe('RankContextResolver', () => {
  it('resolves a stored demand to its cycle’s profile, reference date and enterprise facts', () => {
    const { r } = resolver();
    const rc = r.resolve({ ...adHoc, demandId: 'D1' }, {});
    expect(rc).toMatchObject({ stored: true, profile: { id: 'wenzhou-2025' }, ctx: { referenceDate: '2026-06-30', cycleId: 'wz', enterpriseHadTechVp: true } });
    expect(rc.maxBoost).toBeGreaterThan(0);
  });

  it('lets an explicit policy override the cycle’s profile, keeping the cycle’s dates and history', () => {
    const { r } = resolver();
    const rc = r.resolve({ ...adHoc, demandId: 'D1' }, { policy: 'open' });
    expect(rc.profile.id).toBe('open');
    expect(rc.ctx.referenceDate).toBe('2026-06-30');
    expect(rc.maxBoost).toBe(0);
  });

  it('measures an ad-hoc problem without a cycle at today’s date, and needs a policy for it', () => {
    const { r } = resolver();
    expect(r.resolve(adHoc, { policy: 'open' })).toMatchObject({ stored: false, profile: open, ctx: { referenceDate: '2025-01-02' } });
    expect(() => r.resolve(adHoc, {})).toThrow(expect.objectContaining({ code: 'POLICY_REQUIRED', statusCode: 400 }));
  });

  it('refuses an unknown demand or enterprise (404) and a demand given with another cycle (400)', () => {
    const { r } = resolver();
    expect(() => r.resolve({ ...adHoc, demandId: 'nope' }, {})).toThrow(expect.objectContaining({ code: 'NOT_FOUND', statusCode: 404 }));
    expect(() => r.resolve({ ...adHoc, enterpriseCreditCode: 'C9' }, { policy: 'open' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => r.resolve({ ...adHoc, demandId: 'D1' }, { cycleId: 'other' })).toThrow(expect.objectContaining({ code: 'DEMAND_CYCLE_MISMATCH', statusCode: 400 }));
  });

  it('refuses to match a problem-only demand (附件1 四 without 三): it asks for no 科技副总 (409)', () => {
    const { r } = resolver();
    expect(() => r.resolve({ ...adHoc, demandId: 'P1' }, {})).toThrow(expect.objectContaining({ code: 'DEMAND_NOT_MATCHABLE', statusCode: 409 }));
  });

  it('reads a demand, its enterprise facts and the cycle context once until the records change', () => {
    const { r, calls, records } = resolver();
    r.resolve({ ...adHoc, demandId: 'D1' }, {});
    r.resolve({ ...adHoc, demandId: 'D1' }, {});
    expect(calls).toEqual({ demands: 1, facts: 1, cycles: 1 });
    records.track(2);
    r.resolve({ ...adHoc, demandId: 'D1' }, {});
    expect(calls).toEqual({ demands: 2, facts: 2, cycles: 2 });
  });

  it('never lets one request’s facts leak into the cached cycle context', () => {
    const { r } = resolver();
    const a = r.resolve({ ...adHoc, demandId: 'D1' }, {});
    const b = r.resolve(adHoc, { cycleId: 'wz' });
    expect(a.ctx.enterpriseHadTechVp).toBe(true);
    expect(b.ctx.enterpriseHadTechVp).toBeUndefined();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { computeCreditCodeCheckChar } from '../../src/demo/check-digits';
import { DEMO_CYCLE_ID, DEMO_POLICY, DEMO_REFERENCE_DATE, EDGE_CASE_KINDS, generateDemoData, type DemoData } from '../../src/demo/demo-data.generator';
import { isDatabaseEmpty, seedDemo, seedDemoIfEmpty } from '../../src/demo/seed-demo.service';
import { cycleSchema } from '../../src/intake/cycle.schema';
import { DemandRepository } from '../../src/intake/demand.repository';
import { demandSchema } from '../../src/intake/demand.schema';
import { EnterpriseRepository } from '../../src/intake/enterprise.repository';
import { enterpriseSchema } from '../../src/intake/enterprise.schema';
import { ExpertRepository } from '../../src/intake/expert.repository';
import { expertSchema } from '../../src/intake/expert.schema';
import { ReferenceRepository } from '../../src/intake/reference.repository';
import { createRuntime } from '../../src/runtime';
import { silentLogger } from '../helpers/test-runtime';

const SMALL = { experts: 60, enterprises: 40 };
const WENZHOU_COUNTIES = ['330302', '330303', '330304', '330305', '330324', '330326', '330327', '330328', '330329', '330381', '330382', '330383'];

const ageOn = (birth: string, ref: string) => Number(ref.slice(0, 4)) - Number(birth.slice(0, 4)) - (ref.slice(5) < birth.slice(5) ? 1 : 0);
const yearsBefore = (date: string, ref: string, years: number) => date > `${Number(ref.slice(0, 4)) - years}${ref.slice(4)}`;

function subjects(data: DemoData, kind: string): string[] {
  return data.edgeCases.filter((e) => e.kind === kind).map((e) => e.subject);
}

describe('generateDemoData', () => {
  const full = generateDemoData();
  const small = generateDemoData(SMALL);
  const expertById = new Map(full.experts.map((x) => [x.externalId, x]));
  const enterpriseByCode = new Map(full.enterprises.map((e) => [e.creditCode, e]));
  const demandById = new Map(full.demands.map((d) => [d.externalId, d]));
  const expert = (kind: string, i = 0) => expertById.get(subjects(full, kind)[i])!;
  const enterprise = (kind: string, i = 0) => enterpriseByCode.get(subjects(full, kind)[i])!;
  const demand = (kind: string, i = 0) => demandById.get(subjects(full, kind)[i])!;

  it('gives deep-equal output for the same seed and different output for another seed', () => {
    expect(generateDemoData(SMALL)).toEqual(small);
    const other = generateDemoData({ ...SMALL, seed: 7 });
    expect(other).not.toEqual(small);
    expect(other.enterprises.map((e) => e.creditCode)).not.toEqual(small.enterprises.map((e) => e.creditCode));
  });

  it('defaults to 2000 experts, 300 enterprises, one or two demands each and an open wenzhou-demo cycle', () => {
    expect(full.experts).toHaveLength(2000);
    expect(full.enterprises).toHaveLength(300);
    expect(full.demands.length).toBeGreaterThanOrEqual(300);
    expect(full.demands.length).toBeLessThanOrEqual(600);
    const open = full.cycles.find((c) => c.id === DEMO_CYCLE_ID)!;
    expect(open).toMatchObject({ year: 2026, policy: DEMO_POLICY, status: 'open', referenceDate: DEMO_REFERENCE_DATE, previousCycles: ['wenzhou-2024', 'wenzhou-2022'] });
    expect(open.seats).toBeGreaterThanOrEqual(100);
    expect(open.seats).toBeLessThanOrEqual(140);
    expect(
      full.cycles
        .filter((c) => c.status === 'closed')
        .map((c) => c.id)
        .sort(),
    ).toEqual(['wenzhou-2022', 'wenzhou-2024']);
  });

  it('produces records that all pass the import schemas', () => {
    for (const c of full.cycles) expect(cycleSchema.safeParse(c).error).toBeUndefined();
    for (const e of full.enterprises) expect(enterpriseSchema.safeParse(e).error).toBeUndefined();
    for (const x of full.experts) expect(expertSchema.safeParse(x).error).toBeUndefined();
    for (const d of full.demands) expect(demandSchema.safeParse(d).error).toBeUndefined();
  });

  it('keeps credit codes, names, external ids and patent numbers unique, with GB 32100 check characters and region codes', () => {
    const unique = (xs: string[]) => new Set(xs).size === xs.length;
    expect(unique(full.enterprises.map((e) => e.creditCode))).toBe(true);
    expect(unique(full.enterprises.map((e) => e.name))).toBe(true);
    expect(unique(full.experts.map((x) => x.externalId))).toBe(true);
    expect(unique(full.demands.map((d) => d.externalId))).toBe(true);
    expect(unique(full.experts.flatMap((x) => (x.patents ?? []).map((p) => p.number)))).toBe(true);
    for (const e of full.enterprises) {
      expect(e.creditCode).toMatch(/^91\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/);
      expect(e.creditCode[17]).toBe(computeCreditCodeCheckChar(e.creditCode.slice(0, 17)));
      expect(e.creditCode.slice(2, 8)).toBe(e.region);
    }
  });

  it('registers enterprises in the twelve Wenzhou counties, except the outside-Wenzhou edge cases', () => {
    const outside = new Set(subjects(full, 'enterprise-registered-outside-wenzhou'));
    expect(outside.size).toBe(2);
    for (const e of full.enterprises) {
      if (outside.has(e.creditCode)) expect(e.region.startsWith('3303')).toBe(false);
      else expect(WENZHOU_COUNTIES).toContain(e.region);
    }
    expect(new Set(full.enterprises.map((e) => e.region).filter((r) => r.startsWith('3303'))).size).toBe(12);
  });

  it('resolves every cross-reference inside the data set', () => {
    for (const d of full.demands) {
      expect(enterpriseByCode.has(d.enterpriseCreditCode)).toBe(true);
      expect(d.cycle).toBe(DEMO_CYCLE_ID);
      for (const c of d.namedCandidates ?? []) if (c.expertExternalId) expect(expertById.get(c.expertExternalId)?.name).toBe(c.name);
    }
    const cycles = new Set(full.cycles.map((c) => c.id));
    for (const x of full.experts) {
      for (const s of x.serviceHistory ?? []) {
        expect(enterpriseByCode.has(s.enterpriseCreditCode)).toBe(true);
        expect(cycles.has(s.cycle!)).toBe(true);
      }
      for (const c of x.cooperations ?? []) expect(enterpriseByCode.has(c.enterpriseCreditCode)).toBe(true);
    }
    for (const e of full.enterprises) for (const p of e.relatedParties ?? []) if (p.expertExternalId) expect(expertById.has(p.expertExternalId)).toBe(true);
  });

  it('lists every edge-case kind, each naming records that exist', () => {
    const kinds = new Set(full.edgeCases.map((e) => e.kind));
    for (const kind of EDGE_CASE_KINDS) expect(kinds, kind).toContain(kind);
    for (const e of full.edgeCases) {
      const exists = expertById.has(e.subject) || enterpriseByCode.has(e.subject) || demandById.has(e.subject);
      expect(exists, `${e.kind} ${e.subject}`).toBe(true);
      expect(e.note.length).toBeGreaterThan(0);
    }
    // The small set used by tests holds all of them too.
    expect(new Set(small.edgeCases.map((e) => e.kind)).size).toBe(EDGE_CASE_KINDS.length);
  });

  it('plants expert edge cases that break exactly the rule they are named after', () => {
    const ref = DEMO_REFERENCE_DATE;
    expect(subjects(full, 'expert-over-age').map((id) => ageOn(expertById.get(id)!.birthDate, ref))).toEqual([46, 51, 58]);
    expect(expert('expert-age-boundary-45').birthDate).toBe('1981-06-30');
    expect(ageOn(expert('expert-age-boundary-45', 1).birthDate, ref)).toBe(45);
    expect(ageOn(expert('expert-age-boundary-45', 1).birthDate, '2026-07-01')).toBe(46);

    const grantedInvention = (x: ReturnType<typeof expert>) => (x.patents ?? []).some((p) => p.type === 'invention' && p.status === 'granted');
    expect(expert('expert-below-title-degree')).toMatchObject({ title: '中级', degree: '学士' });
    expect(grantedInvention(expert('expert-below-title-degree'))).toBe(false);
    expect(expert('expert-core-ip-relaxation')).toMatchObject({ title: '中级', degree: '学士' });
    expect(grantedInvention(expert('expert-core-ip-relaxation'))).toBe(true);

    const recent = expert('expert-bad-record-recent').badRecords![0];
    expect(recent.kind).toBe('学术不端');
    expect(yearsBefore(recent.date, ref, 3)).toBe(true);
    const old = expert('expert-bad-record-old').badRecords![0];
    expect(old.kind).toBe('科研失信');
    expect(yearsBefore(old.date, ref, 4)).toBe(false);

    for (const x of subjects(full, 'expert-currently-serving').map((id) => expertById.get(id)!)) {
      const s = x.serviceHistory![0];
      expect(s.cycle).toBe('wenzhou-2024');
      expect(!s.endDate || s.endDate > ref).toBe(true);
    }
    const failed = expert('expert-failed-grade-recent').serviceHistory![0];
    expect(failed.grade).toBe('不合格');
    expect(failed.endDate! < ref && yearsBefore(failed.endDate!, ref, 2)).toBe(true);
    expect(yearsBefore(expert('expert-failed-grade-old').serviceHistory![0].endDate!, ref, 2)).toBe(false);
    expect(Number(ref.slice(0, 4)) - expert('expert-short-work-experience').workStartYear!).toBeLessThan(2);
    expect(expert('expert-institution-other').institution.type).toBe('other');
    for (const id of subjects(full, 'expert-institution-outside-zhejiang')) expect(expertById.get(id)!.region.startsWith('33')).toBe(false);
    expect(enterpriseByCode.has(expert('expert-prior-cooperation').cooperations![0].enterpriseCreditCode)).toBe(true);

    // Each isolates one rule: the rest of the profile is qualified (博士, ≥副高, granted invention, Wenzhou institution).
    for (const kind of ['expert-bad-record-recent', 'expert-currently-serving', 'expert-failed-grade-recent', 'expert-short-work-experience']) {
      const x = expert(kind);
      expect(x.degree).toBe('博士');
      expect(['正高级', '副高级']).toContain(x.title);
      expect(grantedInvention(x)).toBe(true);
    }
  });

  it('plants enterprise and demand edge cases with the facts the policy rules read', () => {
    const ref = DEMO_REFERENCE_DATE;
    expect(yearsBefore(enterprise('enterprise-registered-under-1-year').registeredAt, ref, 1)).toBe(true);
    const serious = enterprise('enterprise-serious-credit-issue-recent').creditIssues![0];
    expect(serious.serious).toBe(true);
    expect(yearsBefore(serious.date, ref, 3)).toBe(true);
    const harmless = enterprise('enterprise-credit-issue-not-disqualifying').creditIssues!;
    expect(harmless.every((c) => c.serious === false || !yearsBefore(c.date, ref, 3))).toBe(true);
    expect(enterprise('enterprise-no-qualification').qualifications).toEqual([]);

    const servedCodes = new Set(full.experts.flatMap((x) => (x.serviceHistory ?? []).map((s) => s.enterpriseCreditCode)));
    for (const code of subjects(full, 'enterprise-had-kejifuzong')) expect(servedCodes.has(code)).toBe(true);

    const founded = enterprise('enterprise-founded-by-expert').relatedParties!.find((p) => p.expertExternalId)!;
    expect(founded.kind).toBe('founder');
    const founder = expertById.get(founded.expertExternalId!)!;
    expect(founder.fields).toContain(full.demands.find((d) => d.enterpriseCreditCode === subjects(full, 'enterprise-founded-by-expert')[0])!.expectedField);
    expect(enterprise('enterprise-founded-by-expert', 1).relatedParties!.some((p) => p.kind === 'investor' && p.expertExternalId)).toBe(true);
    const institution = enterprise('enterprise-invested-by-institution').relatedParties!.find((p) => p.institutionName)!.institutionName;
    expect(full.experts.some((x) => x.institution.name === institution)).toBe(true);
    expect(full.demands.filter((d) => d.enterpriseCreditCode === subjects(full, 'enterprise-two-demands')[0])).toHaveLength(2);

    const agreed = demand('demand-named-agreed').namedCandidates!;
    expect(agreed).toHaveLength(2);
    expect(agreed.map((c) => c.agreed)).toEqual([true, false]);
    const old = demand('demand-named-agreed-over-age').namedCandidates![0];
    expect(old.agreed).toBe(true);
    expect(ageOn(expertById.get(old.expertExternalId!)!.birthDate, ref)).toBeGreaterThan(45);
    const oldNotAgreed = demand('demand-named-not-agreed-over-age').namedCandidates![0];
    expect(oldNotAgreed.agreed).toBe(false);
    expect(ageOn(expertById.get(oldNotAgreed.expertExternalId!)!.birthDate, ref)).toBeGreaterThan(45);
    for (const id of subjects(full, 'demand-named-previous-cycle-expert')) {
      const named = expertById.get(demandById.get(id)!.namedCandidates![0].expertExternalId!)!;
      expect(['wenzhou-2024', 'wenzhou-2022']).toContain(named.serviceHistory![0].cycle);
    }
    const outsider = demand('demand-named-outside-pool').namedCandidates![0];
    expect(outsider.expertExternalId).toBeUndefined();
    expect(outsider.name).toBeTruthy();
  });

  it('has about one demand in ten naming candidates, some of them agreed', () => {
    const named = full.demands.filter((d) => d.namedCandidates?.length);
    expect(named.length / full.demands.length).toBeGreaterThan(0.05);
    expect(named.length / full.demands.length).toBeLessThan(0.2);
    expect(named.some((d) => d.namedCandidates!.some((c) => c.agreed))).toBe(true);
    expect(named.some((d) => d.namedCandidates!.every((c) => !c.agreed))).toBe(true);
  });

  it('gives every demand several experts of the field it asks for, with 1–3 fields and 2–8 evidence items each', () => {
    const byField = new Map<string, number>();
    for (const x of full.experts) {
      expect(x.fields!.length).toBeGreaterThanOrEqual(1);
      expect(x.fields!.length).toBeLessThanOrEqual(3);
      const evidence = (x.projects?.length ?? 0) + (x.patents?.length ?? 0) + (x.papers?.length ?? 0);
      expect(evidence).toBeGreaterThanOrEqual(2);
      expect(evidence).toBeLessThanOrEqual(8);
      for (const f of x.fields!) byField.set(f, (byField.get(f) ?? 0) + 1);
    }
    for (const d of full.demands) expect(byField.get(d.expectedField!) ?? 0, d.expectedField).toBeGreaterThanOrEqual(10);
    expect(full.experts.some((x) => (x.papers ?? []).length > 0)).toBe(true);
  });

  it('writes field-specific patents: battery patents are classed H01M, valve patents F16K', () => {
    const patentsOf = (field: string) =>
      full.experts
        .filter((x) => x.fields![0] === field)
        .flatMap((x) => x.patents ?? [])
        .filter((p) => p.type === 'invention');
    const battery = patentsOf('锂离子电池');
    expect(battery.length).toBeGreaterThan(10);
    expect(battery.filter((p) => p.ipc!.some((c) => c.startsWith('H01M'))).length / battery.length).toBeGreaterThan(0.6);
    const valves = patentsOf('流体机械与阀门');
    expect(valves.filter((p) => p.ipc!.some((c) => c.startsWith('F16K') || c.startsWith('F04D'))).length / valves.length).toBeGreaterThan(0.6);
  });

  it('refuses a set too small to hold every edge case', () => {
    expect(() => generateDemoData({ experts: 10, enterprises: 40 })).toThrow(RangeError);
    expect(() => generateDemoData({ experts: 60, enterprises: 5 })).toThrow(RangeError);
  });
});

describe('seedDemo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seed-demo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /** A database file through the runtime: the intake write path, a transaction, the counts. */
  const open = (name: string) => {
    const runtime = createRuntime({ ...loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }), dbFile: join(dir, name) }, { logger: silentLogger });
    return { runtime, db: runtime.db, deps: { intake: runtime.services.intake, transaction: runtime.transaction, counts: runtime.repositories } };
  };

  it('stores a small generated set with no rejections, and a second run reports everything unchanged', async () => {
    const { runtime, db, deps } = open('x.db');
    try {
      const data = generateDemoData(SMALL);
      expect(isDatabaseEmpty(deps.counts)).toBe(true);
      const first = seedDemo(deps, { data });
      expect(first.rejected).toEqual([]);
      expect(first.cycles).toMatchObject({ inserted: 3, rejected: 0 });
      expect(first.enterprises).toMatchObject({ inserted: data.enterprises.length, rejected: 0 });
      expect(first.experts).toMatchObject({ inserted: data.experts.length, rejected: 0 });
      expect(first.demands).toMatchObject({ inserted: data.demands.length, rejected: 0 });

      expect(new ExpertRepository(db).count()).toBe(data.experts.length);
      expect(new EnterpriseRepository(db).count()).toBe(data.enterprises.length);
      expect(new DemandRepository(db).count()).toBe(data.demands.length);
      expect(new ReferenceRepository(db).getCycle(DEMO_CYCLE_ID)).toMatchObject({ status: 'open', policy: DEMO_POLICY });
      const servingId = data.edgeCases.find((e) => e.kind === 'expert-currently-serving')!.subject;
      expect(new ExpertRepository(db).getByExternalId(servingId)!.serviceHistory).toHaveLength(1);
      const namedId = data.edgeCases.find((e) => e.kind === 'demand-two-candidates')!.subject;
      expect(new DemandRepository(db).getByExternalId(namedId)!.demand.namedCandidates).toHaveLength(2);

      const second = seedDemo(deps, { data });
      expect(second.rejected).toEqual([]);
      for (const kind of ['cycles', 'enterprises', 'experts', 'demands'] as const) {
        expect(second[kind], kind).toEqual({ inserted: 0, updated: 0, unchanged: first[kind].inserted, rejected: 0 });
      }
    } finally {
      await runtime.close();
    }
  });

  it('seeds an empty database in auto mode only, always in on mode and never in off mode', async () => {
    const { runtime, deps } = open('auto.db');
    try {
      expect(seedDemoIfEmpty(deps, 'off', SMALL)).toBeNull();
      expect(isDatabaseEmpty(deps.counts)).toBe(true);
      expect(seedDemoIfEmpty(deps, 'auto', SMALL)?.experts.inserted).toBe(SMALL.experts);
      expect(seedDemoIfEmpty(deps, 'auto', SMALL)).toBeNull();
      expect(seedDemoIfEmpty(deps, 'on', SMALL)?.experts.unchanged).toBe(SMALL.experts);
    } finally {
      await runtime.close();
    }
  });
});

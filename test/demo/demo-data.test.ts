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
import { isWithinRegion } from '../../src/intake/regions.data';
import { addYears } from '../../src/demo/dates';
import { BUILT_IN_PROFILES } from '../../src/policy/profiles';
import { canonicalQualification, compileList } from '../../src/policy/text-match';
import { createRuntime } from '../../src/runtime';
import { silentLogger } from '../helpers/test-runtime';

const SMALL = { experts: 60, enterprises: 40 };
const WENZHOU_COUNTIES = ['330302', '330303', '330304', '330305', '330324', '330326', '330327', '330328', '330329', '330381', '330382', '330383'];

const ageOn = (birth: string, ref: string) => Number(ref.slice(0, 4)) - Number(birth.slice(0, 4)) - (ref.slice(5) < birth.slice(5) ? 1 : 0);

function subjects(data: DemoData, kind: string): string[] {
  return data.edgeCases.filter((e) => e.kind === kind).map((e) => e.subject);
}

describe('generateDemoData', () => {
  const full = generateDemoData();
  const small = generateDemoData(SMALL);
  const expertById = new Map(full.experts.map((x) => [x.externalId, x]));
  const enterpriseByCode = new Map(full.enterprises.map((e) => [e.creditCode, e]));
  const demandById = new Map(full.demands.map((d) => [d.externalId, d]));
  const cycleById = new Map(full.cycles.map((c) => [c.id, c]));
  const expert = (kind: string, i = 0) => expertById.get(subjects(full, kind)[i])!;
  const enterprise = (kind: string, i = 0) => enterpriseByCode.get(subjects(full, kind)[i])!;
  // The Wenzhou demo: the open cycle's demands, their enterprises, and the wz- experts.
  const wzDemands = full.demands.filter((d) => d.cycle === DEMO_CYCLE_ID);
  const wzCodes = new Set(wzDemands.map((d) => d.enterpriseCreditCode));
  const wzEnterprises = full.enterprises.filter((e) => wzCodes.has(e.creditCode));
  const wzExperts = full.experts.filter((x) => x.externalId.startsWith('wz-'));

  it('gives deep-equal output for the same seed and different output for another seed', () => {
    expect(generateDemoData(SMALL)).toEqual(small);
    const other = generateDemoData({ ...SMALL, seed: 7 });
    expect(other).not.toEqual(small);
    expect(other.enterprises.map((e) => e.creditCode)).not.toEqual(small.enterprises.map((e) => e.creditCode));
  });

  it('defaults to 2000 experts, 300 enterprises, one or two demands each and an open wenzhou-demo cycle set to share seats by county', () => {
    expect(wzExperts).toHaveLength(2000);
    expect(wzEnterprises).toHaveLength(300);
    expect(wzDemands.length).toBeGreaterThanOrEqual(300);
    expect(wzDemands.length).toBeLessThanOrEqual(600);
    const open = cycleById.get(DEMO_CYCLE_ID)!;
    expect(open).toMatchObject({
      year: 2026,
      policy: DEMO_POLICY,
      status: 'open',
      referenceDate: DEMO_REFERENCE_DATE,
      previousCycles: ['wenzhou-2024', 'wenzhou-2022'],
      allocation: { level: 'county', count: 'demands' },
    });
    expect(open.seats).toBeGreaterThanOrEqual(100);
    expect(open.seats).toBeLessThanOrEqual(140);
    expect(
      full.cycles
        .filter((c) => c.status === 'closed')
        .map((c) => c.id)
        .sort(),
    ).toEqual(['hubei-2021', 'hubei-2022', 'wenzhou-2022', 'wenzhou-2024']);
    expect(
      full.cycles
        .filter((c) => c.status === 'open')
        .map((c) => [c.id, c.policy])
        .sort(),
    ).toEqual([
      ['hubei-demo', 'hubei-2020'],
      ['liaocheng-demo', 'liaocheng-2025'],
      [DEMO_CYCLE_ID, DEMO_POLICY],
      ['wuhan-demo', 'wuhan-2023'],
      ['xinxiang-demo', 'xinxiang-2025'],
    ]);
  });

  it('dates every cycle no earlier than the document its profile applies (the 2022 and 2024 history names no plan)', () => {
    for (const c of full.cycles) {
      const profile = BUILT_IN_PROFILES.get(c.policy)!;
      expect(profile, c.id).toBeDefined();
      if (profile.document?.date) expect(c.referenceDate >= profile.document.date, `${c.id} ${c.referenceDate} vs ${profile.id} ${profile.document.date}`).toBe(true);
    }
    expect(cycleById.get('wenzhou-2022')!.policy).toBe('open');
    expect(cycleById.get('wenzhou-2024')!.policy).toBe('open');
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

  it('registers Wenzhou enterprises in the twelve Wenzhou counties (except the outside-Wenzhou cases), the others in their cycle’s jurisdiction', () => {
    const outside = new Set(subjects(full, 'enterprise-registered-outside-wenzhou'));
    expect(outside.size).toBe(2);
    for (const e of wzEnterprises) {
      if (outside.has(e.creditCode)) expect(e.region.startsWith('3303')).toBe(false);
      else expect(WENZHOU_COUNTIES).toContain(e.region);
    }
    expect(new Set(wzEnterprises.map((e) => e.region).filter((r) => r.startsWith('3303'))).size).toBe(12);
    for (const d of full.demands.filter((x) => x.cycle !== DEMO_CYCLE_ID)) {
      const jurisdiction = BUILT_IN_PROFILES.get(cycleById.get(d.cycle)!.policy)!.jurisdiction.regionCode!;
      expect(isWithinRegion(enterpriseByCode.get(d.enterpriseCreditCode)!.region, jurisdiction), d.externalId).toBe(true);
    }
  });

  it('resolves every cross-reference inside the data set', () => {
    for (const d of full.demands) {
      expect(enterpriseByCode.has(d.enterpriseCreditCode)).toBe(true);
      expect(cycleById.get(d.cycle)?.status).toBe('open');
      for (const c of d.namedCandidates ?? []) if (c.expertExternalId) expect(expertById.get(c.expertExternalId)?.name).toBe(c.name);
    }
    for (const x of full.experts) {
      for (const s of x.serviceHistory ?? []) {
        expect(enterpriseByCode.has(s.enterpriseCreditCode)).toBe(true);
        if (s.cycle) expect(cycleById.has(s.cycle)).toBe(true);
      }
      for (const c of x.cooperations ?? []) expect(enterpriseByCode.has(c.enterpriseCreditCode)).toBe(true);
    }
    for (const e of full.enterprises) for (const p of e.relatedParties ?? []) if (p.expertExternalId) expect(expertById.has(p.expertExternalId)).toBe(true);
  });

  it('lists every edge-case kind, each naming records that exist, the demand that shows it and its demo cycle', () => {
    const kinds = new Set(full.edgeCases.map((e) => e.kind));
    for (const kind of EDGE_CASE_KINDS) expect(kinds, kind).toContain(kind);
    for (const e of full.edgeCases) {
      const exists = expertById.has(e.subject) || enterpriseByCode.has(e.subject) || demandById.has(e.subject) || cycleById.has(e.subject);
      expect(exists, `${e.kind} ${e.subject}`).toBe(true);
      expect(demandById.get(e.demand)?.cycle, `${e.kind} shown in ${e.demand}`).toBe(e.cycle);
      if (e.visible.in === 'named') {
        expect(
          demandById.get(e.demand)!.namedCandidates!.map((c) => c.expertExternalId),
          e.kind,
        ).toContain(e.visible.expert);
      }
      expect(e.note.length).toBeGreaterThan(0);
    }
    // The small set used by tests holds all of them too.
    expect(new Set(small.edgeCases.map((e) => e.kind)).size).toBe(EDGE_CASE_KINDS.length);
  });

  it('plants the boundary cases on the day: 40 and 45, 46, 50, 51 on the reference date, three years, one year, two years exactly', () => {
    const refOf = (id: string) => cycleById.get(full.edgeCases.find((e) => e.subject === id)!.cycle)!.referenceDate;
    const ageOfCase = (kind: string) => {
      const x = expert(kind);
      return ageOn(x.birthDate!, refOf(x.externalId));
    };
    const onBirthday = (kind: string) => {
      const x = expert(kind);
      return x.birthDate!.slice(5) === refOf(x.externalId).slice(5);
    };
    for (const [kind, age] of [
      ['expert-turning-40', 40],
      ['expert-age-boundary-45', 45],
      ['expert-turning-46', 46],
      ['expert-turning-50', 50],
      ['expert-turning-51-first-appointment', 51],
    ] as const) {
      expect([kind, ageOfCase(kind), onBirthday(kind)]).toEqual([kind, age, true]);
    }
    const exactlyYearsBefore = (date: string, ref: string, years: number) => date === `${Number(ref.slice(0, 4)) - years}${ref.slice(4)}`;
    expect(exactlyYearsBefore(expert('expert-bad-record-exactly-3-years').badRecords![0].date, DEMO_REFERENCE_DATE, 3)).toBe(true);
    expect(exactlyYearsBefore(enterprise('enterprise-serious-credit-exactly-3-years').creditIssues![0].date, DEMO_REFERENCE_DATE, 3)).toBe(true);
    const lc = cycleById.get('liaocheng-demo')!.referenceDate;
    expect(exactlyYearsBefore(enterprise('enterprise-registered-exactly-1-year').registeredAt!, lc, 1)).toBe(true);
    expect(exactlyYearsBefore(expert('expert-failed-grade-exactly-2-years').serviceHistory![0].endDate!, lc, 2)).toBe(true);
    expect(exactlyYearsBefore(expert('expert-work-exactly-2-years').workStartDate!, lc, 2)).toBe(true);
    expect(enterprise('enterprise-qualification-not-listed').qualifications).toEqual(['高新技术企业培育库入库企业']);
    expect(enterprise('enterprise-qualification-training-pool').qualifications).toEqual(['高新技术企业培育库入库企业']);
  });

  it('plants records lacking the facts a rule needs, and answers everything else', () => {
    expect(expert('expert-birth-date-missing').birthDate).toBeUndefined();
    expect(expert('expert-degree-missing').degree).toBeUndefined();
    expect(expert('expert-work-start-year-only').workStartDate).toBeUndefined();
    expect(expert('expert-work-start-year-only').workStartYear).toBe(2024);
    expect(enterprise('enterprise-size-unknown').employees).toBeUndefined();
    expect(demandById.get(subjects(full, 'demand-conditions-unanswered')[0])!.providesConditions).toBeUndefined();
    const unanswered = new Set([...subjects(full, 'demand-conditions-unanswered'), ...subjects(full, 'demand-conditions-unanswered-liaocheng')]);
    for (const d of full.demands) if (!unanswered.has(d.externalId)) expect(typeof d.providesConditions, d.externalId).toBe('boolean');
    const planted = new Set(full.edgeCases.map((e) => e.subject));
    for (const x of wzExperts) if (!planted.has(x.externalId)) expect(x.workStartDate, x.externalId).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('keeps 科技型中小企业 within its status cap and the SME statuses for SMEs (revenue in 万元, either threshold suffices)', () => {
    let techSme = 0;
    for (const e of wzEnterprises) {
      const q = e.qualifications ?? [];
      const sme = e.employees! < 1000 || e.revenue! < 40_000;
      if (q.includes('科技型中小企业')) {
        techSme++;
        expect({ e: e.creditCode, staff: e.employees! <= 500, sales: e.revenue! <= 20_000 }).toEqual({ e: e.creditCode, staff: true, sales: true });
      }
      for (const status of ['创新型中小企业', '省级专精特新中小企业', '国家级专精特新"小巨人"']) if (q.includes(status)) expect(sme, `${e.creditCode} ${status}`).toBe(true);
    }
    expect(techSme).toBeGreaterThan(20);
    // Large firms exist and hold none of the SME statuses.
    expect(wzEnterprises.some((e) => e.employees! >= 1000 && e.revenue! >= 40_000)).toBe(true);
  });

  it('generates every one of Wenzhou’s 14 priority enterprise types (二(三)3)', () => {
    const wenzhou = BUILT_IN_PROFILES.get(DEMO_POLICY)!;
    const rule = wenzhou.rules.find((r) => r.id === 'wz-priority-qualification')!;
    const list = rule.kind === 'enterprise.qualifications' ? compileList(rule.anyOf) : new Map<string, string>();
    const seen = new Set(
      wzEnterprises
        .flatMap((e) => e.qualifications ?? [])
        .map((q) => list.get(canonicalQualification(q)))
        .filter(Boolean),
    );
    expect(seen.size).toBe(14);
  });

  it('keeps every service term within two years (每批服务期 2 年, 一轮聘期两年)', () => {
    for (const x of full.experts) {
      for (const s of x.serviceHistory ?? []) if (s.endDate) expect(s.endDate < addYears(s.startDate, 2), `${x.externalId} ${s.startDate}–${s.endDate}`).toBe(true);
    }
    expect(expert('expert-currently-serving', 1).serviceHistory![0]).toMatchObject({ startDate: '2024-09-01', endDate: '2026-08-31' });
  });

  it('has about one Wenzhou demand in ten naming ordinary candidates, some of them agreed', () => {
    const planted = new Set(full.edgeCases.map((e) => e.demand));
    const named = wzDemands.filter((d) => d.namedCandidates?.length && !planted.has(d.externalId));
    expect(named.length / wzDemands.length).toBeGreaterThan(0.05);
    expect(named.length / wzDemands.length).toBeLessThan(0.2);
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
      expect(first.cycles).toMatchObject({ inserted: data.cycles.length, rejected: 0 });
      expect(first.enterprises).toMatchObject({ inserted: data.enterprises.length, rejected: 0 });
      expect(first.experts).toMatchObject({ inserted: data.experts.length, rejected: 0 });
      expect(first.demands).toMatchObject({ inserted: data.demands.length, rejected: 0 });

      expect(new ExpertRepository(db).count()).toBe(data.experts.length);
      expect(new EnterpriseRepository(db).count()).toBe(data.enterprises.length);
      expect(new DemandRepository(db).count()).toBe(data.demands.length);
      expect(new ReferenceRepository(db).getCycle(DEMO_CYCLE_ID)).toMatchObject({ status: 'open', policy: DEMO_POLICY });
      const servingId = data.edgeCases.find((e) => e.kind === 'expert-currently-serving')!.subject;
      expect(new ExpertRepository(db).getByExternalId(data.edgeCases.find((e) => e.kind === 'expert-birth-date-missing')!.subject)!.birthDate).toBeUndefined();
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
      const experts = generateDemoData(SMALL).experts.length;
      expect(seedDemoIfEmpty(deps, 'auto', SMALL)?.experts.inserted).toBe(experts);
      expect(seedDemoIfEmpty(deps, 'auto', SMALL)).toBeNull();
      expect(seedDemoIfEmpty(deps, 'on', SMALL)?.experts.unchanged).toBe(experts);
    } finally {
      await runtime.close();
    }
  });
});

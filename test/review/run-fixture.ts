// A completed cycle run written straight into the run tables, for review tests (the real cycle-run engine lives
// in src/cycles). Demo data gives real experts, enterprises and demands, and every proposed or alternate
// candidate really passes the policy, so the review service's swap re-check sees what a real run would store.
import { cycleRuns, runProposals, runQuotas } from '../../src/db/schema';
import { DEMO_CYCLE_ID, DEMO_POLICY, type DemoData } from '../../src/demo/demo-data.generator';
import { seedDemo } from '../../src/demo/seed-demo.service';
import type { EligibilityResponse } from '../../src/policy/policy-api.schema';
import { failedHardRules, relaxedRules, toPolicyFlag } from '../../src/policy/policy-flags';
import type { ExcludedCandidate, RankedCandidate } from '../../src/ranking/ranking.schema';
import type { Runtime } from '../../src/runtime';
import { smallDemoData as sharedSmallDemo } from '../helpers/test-runtime';

export type FixtureDemand = {
  demandId: string;
  region: string;
  enterprise: string;
  proposed: string | null;
  alternates: string[];
  /** An alternate nobody else in the run holds (a swap to it passes the one-expert rule). */
  freeAlternate: string | null;
  /** An alternate that is another demand's proposal in the same region (a swap to it is refused). */
  heldAlternate: string | null;
  /** An alternate that no longer passes a hard rule (as if the records changed after the run). */
  staleAlternate: string | null;
};

export type RunFixture = {
  runId: string;
  cycleId: string;
  /** Regions with demands in the run, sorted. */
  regions: string[];
  /** The region with the most demands: 2 seats, 2 proposals, the rest unfilled. */
  main: string;
  /** Another region with proposals. */
  other: string;
  demands: FixtureDemand[];
  inRegion: (region: string) => FixtureDemand[];
};

/** Small, deterministic demo data (30 enterprises, 80 experts), generated once per test file. */
export const smallDemoData = (): DemoData => sharedSmallDemo();

const round = (n: number) => Math.round(n * 1000) / 1000;

export type RunFixtureOptions = {
  runId?: string;
  /** Seats of a region given its number of demands (default: 2, or fewer when it has fewer demands). */
  seatsFor?: (region: string, demands: number) => number;
};

/** Seeds the demo data (once per database) and writes a completed run of the demo cycle. */
export function createRunFixture(t: { runtime: Runtime }, opts: RunFixtureOptions = {}): RunFixture {
  const {
    db,
    repositories: repos,
    services: { policies, intake },
    transaction,
  } = t.runtime;
  if (!repos.reference.getCycle(DEMO_CYCLE_ID)) {
    const summary = seedDemo({ intake, transaction }, { data: smallDemoData() });
    if (summary.rejected.length) throw new Error(`demo seed rejected records: ${JSON.stringify(summary.rejected.slice(0, 3))}`);
  }
  const runId = opts.runId ?? 'run-test-1';
  const seatsFor = opts.seatsFor ?? ((_r: string, n: number) => Math.min(2, n));
  const cycle = repos.reference.getCycle(DEMO_CYCLE_ID)!;
  const demands = repos.demands.listByCycle(DEMO_CYCLE_ID);
  const experts = repos.experts.list({ limit: 500, offset: 0 }).items;

  const check = (expertId: string, demandId: string): EligibilityResponse => policies.checkEligibility({ cycle: DEMO_CYCLE_ID, expertId, demandId });
  const candidate = (expertId: string, ev: EligibilityResponse, rank: number, namedAgreed = false): RankedCandidate => {
    const x = repos.experts.getByExternalId(expertId)!;
    const s = 0.86 - rank * 0.045;
    const evidence: RankedCandidate['evidence'] = [
      ...x.projects.slice(0, 2).map((p, i) => ({ kind: 'project' as const, label: p.title, year: p.startYear ?? null, similarity: round(s - 0.05 - i * 0.04) })),
      ...x.patents.slice(0, 1).map((p) => ({ kind: 'patent' as const, label: p.title, year: p.grantedAt ? Number(p.grantedAt.slice(0, 4)) : null, similarity: round(s - 0.08) })),
    ].slice(0, 3);
    return {
      expertId,
      name: x.name,
      institution: x.institution.name,
      region: x.region,
      score: round(s),
      breakdown: {
        semantic: round(s + 0.02),
        lexical: round(s - 0.2),
        overlap: round(0.5 + (rank % 3) * 0.1),
        strength: round(0.4 + (rank % 4) * 0.1),
        priority: round(Math.min(1, ev.priorityBoost / 3)),
      },
      evidence,
      flags: relaxedRules(ev).map(toPolicyFlag),
      priorities: ev.priorities.map(toPolicyFlag),
      namedAgreed,
    };
  };

  const byRegion = new Map<string, typeof demands>();
  for (const d of demands) byRegion.set(d.region, [...(byRegion.get(d.region) ?? []), d]);
  const regions = [...byRegion.keys()].sort();
  const held = new Set<string>();
  const out: FixtureDemand[] = [];
  const rows: Array<typeof runProposals.$inferInsert> = [];
  const quotas: Array<typeof runQuotas.$inferInsert> = [];
  let cursor = 0;

  for (const region of regions) {
    const list = byRegion.get(region)!;
    const seats = seatsFor(region, list.length);
    quotas.push({ runId, regionCode: region, demands: list.length, share: list.length / demands.length, exactQuota: seats, remainder: 0, seats });
    let filled = 0;
    let previousProposal: string | null = null;
    for (const d of list) {
      const demandId = d.demand.externalId;
      const enterpriseEv = policies.checkEligibility({ cycle: DEMO_CYCLE_ID, enterpriseCreditCode: d.demand.enterpriseCreditCode });
      const fd: FixtureDemand = {
        demandId,
        region,
        enterprise: d.demand.enterpriseCreditCode,
        proposed: null,
        alternates: [],
        freeAlternate: null,
        heldAlternate: null,
        staleAlternate: null,
      };
      if (!enterpriseEv.eligible) {
        const why = enterpriseEv.results
          .filter((r) => r.outcome === 'fail')
          .map((r) => r.message)
          .join('；');
        rows.push({
          runId,
          demandExternalId: demandId,
          enterpriseCreditCode: fd.enterprise,
          regionCode: region,
          unfilledReason: `企业不符合选派条件：${why}`,
          alternates: [],
          excluded: [],
        });
        out.push(fd);
        continue;
      }
      // Walk the pool from a moving start so demands get different experts; keep 1 + 3 eligible and 2 excluded.
      const eligible: Array<{ id: string; ev: EligibilityResponse }> = [];
      const excluded: ExcludedCandidate[] = [];
      for (let k = 0; k < experts.length && (eligible.length < 4 || excluded.length < 2); k++) {
        const x = experts[(cursor + k) % experts.length];
        if (held.has(x.externalId)) continue;
        const ev = check(x.externalId, demandId);
        if (ev.eligible) {
          if (eligible.length < 4) eligible.push({ id: x.externalId, ev });
        } else if (excluded.length < 2) {
          excluded.push({ expertId: x.externalId, name: x.name, score: round(0.7 - excluded.length * 0.05), reasons: failedHardRules(ev).map(toPolicyFlag) });
        }
      }
      cursor += 7;
      const propose = filled < seats && eligible.length > 0;
      const [first, ...rest] = eligible;
      const proposed = propose ? candidate(first.id, first.ev, 0) : null;
      const alternates = (propose ? rest : eligible).map((e, i) => candidate(e.id, e.ev, i + 1));
      if (proposed) held.add(proposed.expertId);
      // The previous demand's proposal is often a strong alternate here too (a swap to it must be refused).
      if (previousProposal) {
        const ev = check(previousProposal, demandId);
        if (ev.eligible) {
          alternates.push(candidate(previousProposal, ev, alternates.length + 1));
          fd.heldAlternate = previousProposal;
        }
      }
      // Someone who fails a hard rule slipped into the alternates (records changed after the run).
      if (excluded[0]) {
        alternates.push({ ...candidate(excluded[0].expertId, check(excluded[0].expertId, demandId), alternates.length + 1) });
        fd.staleAlternate = excluded[0].expertId;
      }
      fd.proposed = proposed?.expertId ?? null;
      fd.alternates = alternates.map((a) => a.expertId);
      if (proposed) {
        filled += 1;
        previousProposal = proposed.expertId;
      }
      rows.push({
        runId,
        demandExternalId: demandId,
        enterpriseCreditCode: fd.enterprise,
        regionCode: region,
        expertExternalId: proposed?.expertId ?? null,
        score: proposed?.score ?? null,
        namedAgreed: false,
        unfilledReason: proposed ? null : eligible.length ? '本区县名额已用完' : '没有符合条件的专家',
        proposed,
        alternates,
        excluded,
      });
      out.push(fd);
    }
  }

  db.transaction((tx) => {
    tx.insert(cycleRuns)
      .values({
        id: runId,
        cycleId: cycle.id,
        policy: DEMO_POLICY,
        seats: quotas.reduce((n, q) => n + q.seats, 0),
        params: { fixture: true },
        inputHash: `fixture-${runId}`,
        status: 'completed',
        finishedAt: new Date().toISOString(),
      })
      .run();
    tx.insert(runQuotas).values(quotas).run();
    tx.insert(runProposals).values(rows).run();
  });

  // Alternates may repeat across demands; a "free" one is nobody's proposal anywhere in the run.
  for (const fd of out) fd.freeAlternate = fd.alternates.find((a) => !held.has(a) && a !== fd.staleAlternate) ?? null;
  const inRegion = (region: string) => out.filter((d) => d.region === region);
  const withProposals = regions.filter((r) => inRegion(r).some((d) => d.proposed));
  const main = [...withProposals].sort((a, b) => inRegion(b).length - inRegion(a).length || a.localeCompare(b))[0];
  const other = withProposals.find((r) => r !== main)!;
  return { runId, cycleId: cycle.id, regions, main, other, demands: out, inRegion };
}

/** A copy of a fixture run under a new id (fresh review state, same proposals): cheap isolation between tests. */
export function cloneRun(t: { runtime: Runtime }, fixture: RunFixture, runId: string): RunFixture {
  const sqlite = t.runtime.db.$client;
  sqlite.transaction(() => {
    sqlite
      .prepare(
        `insert into cycle_runs (id, cycle_id, policy, seats, params, input_hash, status, started_at, finished_at, timings, summary)
      select ?, cycle_id, policy, seats, params, ? , status, started_at, finished_at, timings, summary from cycle_runs where id = ?`,
      )
      .run(runId, `fixture-${runId}`, fixture.runId);
    sqlite
      .prepare(
        `insert into run_quotas (run_id, region_code, demands, share, exact_quota, remainder, seats)
      select ?, region_code, demands, share, exact_quota, remainder, seats from run_quotas where run_id = ?`,
      )
      .run(runId, fixture.runId);
    sqlite
      .prepare(
        `insert into run_proposals (run_id, demand_external_id, enterprise_credit_code, region_code, expert_external_id, score, named_agreed, unfilled_reason, proposed, alternates, excluded)
      select ?, demand_external_id, enterprise_credit_code, region_code, expert_external_id, score, named_agreed, unfilled_reason, proposed, alternates, excluded
      from run_proposals where run_id = ?`,
      )
      .run(runId, fixture.runId);
  })();
  return { ...fixture, runId };
}

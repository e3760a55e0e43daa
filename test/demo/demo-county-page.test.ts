import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDGE_CASE_KINDS, generateDemoData, type DemoData, type EdgeCase } from '../../src/demo/demo-data.generator';
import { seedDemoPlacements } from '../../src/demo/seed-demo-placements.service';
import { seedDemo } from '../../src/demo/seed-demo.service';
import type { DemandReview, RegionReview, RuleLine } from '../../src/review/review.schema';
import { escapeHtml } from '../../src/web/html';
import { createRunService, FakeRanker } from '../cycles/fixtures';
import { createTestApp, type TestApp } from '../helpers/test-app';

// Issue 11 item 7: every planted case is visible on the county page of a run of its own demo cycle, under
// that cycle's profile — in the JSON the page renders and in the page itself.
const browser = { accept: 'text/html' };

let t: TestApp;
let demo: DemoData;
const runs = new Map<string, string>();
const reviews = new Map<string, RegionReview>();
const pages = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp();
  demo = generateDemoData({ experts: 80, enterprises: 30 });
  const seeded = seedDemo({ intake: t.services.intake, transaction: t.runtime.transaction }, { data: demo });
  expect(seeded.rejected).toEqual([]);
  // With the demo placements in place, as `npm start` seeds them: they must leave every planted case as it was.
  expect(seedDemoPlacements({ ...t.services.demoPlacements(), transaction: t.runtime.transaction }, demo).created).toBeGreaterThan(9);
  const ranker = new FakeRanker(t.runtime);
  for (const cycle of new Set(demo.edgeCases.map((e) => e.cycle))) {
    const out = await createRunService(t.runtime, ranker).execute({ cycleId: cycle });
    runs.set(cycle, out.runId!);
  }
}, 120_000);
afterAll(async () => t.cleanup());

async function regionView(e: EdgeCase): Promise<{ review: RegionReview; row: DemandReview; html: string }> {
  const runId = runs.get(e.cycle)!;
  const region = t.services.review.regionOfDemand(runId, e.demand);
  const key = `${runId}/${region}`;
  if (!reviews.has(key)) {
    reviews.set(key, t.services.review.getRegionReview(runId, region));
    const res = await t.app.inject({ method: 'GET', url: `/runs/${runId}/regions/${region}`, headers: { ...browser, ...(await t.asAdmin()) } });
    expect(res.statusCode).toBe(200);
    pages.set(key, res.body);
  }
  const review = reviews.get(key)!;
  const page = pages.get(key)!;
  const start = page.indexOf(`data-demand-row="${e.demand}"`);
  expect(start, `row of ${e.demand} on the page`).toBeGreaterThan(0);
  const end = page.indexOf('data-demand-row="', start + 10);
  return { review, row: review.items.find((d) => d.demandId === e.demand)!, html: page.slice(start, end < 0 ? undefined : end) };
}

const findLine = (lines: RuleLine[], rule: string) => lines.find((l) => l.ruleId === rule);

describe('the demo shows every planted case on a county page of its own cycle', () => {
  it('plants every kind and gives each a cycle whose profile is the one the case is about', () => {
    expect(new Set(demo.edgeCases.map((e) => e.kind))).toEqual(new Set(EDGE_CASE_KINDS));
    const policies = new Map(demo.cycles.map((c) => [c.id, c.policy]));
    for (const e of demo.edgeCases) {
      if (e.visible.in === 'named' || e.visible.in === 'enterprise') {
        const profile = t.services.policies.resolve(policies.get(e.cycle)!);
        expect(
          profile.rules.map((r) => r.id),
          `${e.kind}: ${e.visible.rule} in ${profile.id}`,
        ).toContain(e.visible.rule);
      }
    }
  });

  it('shows each case in the row of its demand, with the verdict the case is about', async () => {
    for (const e of demo.edgeCases) {
      const { review, row, html } = await regionView(e);
      const v = e.visible;
      const label = `${e.kind} (${e.subject}) in ${e.demand}`;
      if (v.in === 'named') {
        const n = row.checks.named.find((x) => x.expertId === v.expert);
        expect.soft(n, `${label}: named check`).toBeDefined();
        const l = findLine([...n!.lines, ...n!.passed], v.rule);
        expect.soft({ label, outcome: l?.outcome }).toEqual({ label, outcome: v.outcome });
        expect.soft(html, label).toContain(escapeHtml(l!.message));
        expect.soft(html, label).toContain(escapeHtml(n!.name));
      } else if (v.in === 'enterprise') {
        const c = row.checks.enterprise!;
        const l = findLine([...c.lines, ...c.passed], v.rule);
        expect.soft({ label, outcome: l?.outcome }).toEqual({ label, outcome: v.outcome });
        expect.soft(html, label).toContain(escapeHtml(l!.message));
      } else if (v.in === 'unfilled') {
        expect.soft(row.proposed, label).toBeNull();
        expect.soft(html, label).toContain(escapeHtml(row.unfilledReason ?? '(none)'));
        const items = (await t.app.inject({ method: 'GET', url: `/v1/cycles/${e.cycle}/assignments?run=${runs.get(e.cycle)}&limit=1000`, headers: await t.asAdmin() })).json();
        expect.soft(items.items.find((i: { demandId: string }) => i.demandId === e.demand).unfilled.code, label).toBe(v.code);
      } else if (v.in === 'proposed') {
        expect.soft(row.proposed, label).toMatchObject({ expertId: v.expert, namedAgreed: v.namedAgreed });
        expect.soft(html, label).toContain('企业指定且已协商一致');
      } else if (v.in === 'namedList') {
        expect.soft(html, label).toContain(v.text);
      } else if (v.in === 'allocation') {
        expect.soft(review.allocation, label).toBeTruthy();
        expect.soft(html.length).toBeGreaterThan(0);
        const run = (await t.app.inject({ method: 'GET', url: `/v1/cycles/${e.cycle}/runs/${runs.get(e.cycle)}`, headers: await t.asAdmin() })).json();
        expect.soft(run.summary.allocation, label).toMatchObject({ source: v.source, level: v.level, count: v.count });
        const page = pages.get(`${runs.get(e.cycle)}/${review.region.code}`)!;
        expect.soft(page, label).toContain(escapeHtml(review.allocation!));
      } else {
        const mine = review.items.filter((d) => d.enterprise.creditCode === v.enterprise);
        expect.soft(mine.length, label).toBeGreaterThanOrEqual(2);
        expect.soft(mine.filter((d) => d.proposed).length, label).toBeLessThanOrEqual(1);
        if (mine.some((d) => d.proposed))
          expect
            .soft(
              mine.filter((d) => !d.proposed).every((d) => d.unfilledReason?.includes('同一企业')),
              label,
            )
            .toBe(true);
      }
    }
  });

  it('lists 待核实 candidates apart with the resolve form, and never proposes them', async () => {
    let seen = 0;
    for (const review of reviews.values()) {
      for (const d of review.items) {
        for (const c of d.pending) {
          seen++;
          expect(c.unknown.length).toBeGreaterThan(0);
          expect(d.proposed?.expertId).not.toBe(c.expertId);
          expect(d.alternates.map((a) => a.expertId)).not.toContain(c.expertId);
        }
      }
    }
    expect(seen).toBeGreaterThan(0);
    // The county's own reviewer gets the resolve forms; the administrator only reads.
    const [key] = [...reviews].find(([, r]) => r.items.some((d) => d.pending.length))!;
    const [runId, region] = key.split('/');
    const res = await t.app.inject({ method: 'GET', url: `/runs/${runId}/regions/${region}`, headers: { ...browser, ...(await t.asReviewer(region)) } });
    expect(res.body).toContain('待核实的专家');
    expect(res.body).toContain('data-verify');
    expect(pages.get(key)).not.toContain('data-verify');
  });
});

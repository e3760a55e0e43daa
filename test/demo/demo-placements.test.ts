import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_REFERENCE_DATE, generateDemoData } from '../../src/demo/demo-data.generator';
import { seedDemoPlacements, type DemoPlacementSummary } from '../../src/demo/seed-demo-placements.service';
import { seedDemo } from '../../src/demo/seed-demo.service';
import { PLACEMENT_STATES } from '../../src/placements/placement.schema';
import type { PlacementCaller } from '../../src/placements/placement.types';
import { createTestApp, type TestApp } from '../helpers/test-app';

// Issue 15: the demo includes placements in every state, made through the placement use-cases.
const city: PlacementCaller = { actor: { actor: 'test', actorRole: 'admin' }, role: 'admin', region: null, party: null };

let t: TestApp;
let planted: DemoPlacementSummary;

beforeAll(async () => {
  t = await createTestApp();
  const data = generateDemoData({ experts: 80, enterprises: 30 });
  expect(seedDemo({ intake: t.services.intake, transaction: t.runtime.transaction }, { data }).rejected).toEqual([]);
  planted = seedDemoPlacements({ ...t.services.demoPlacements(), transaction: t.runtime.transaction }, data);
}, 120_000);
afterAll(async () => t.cleanup());

describe('the demo placements', () => {
  it('walks placements into every state of the state machine except the declared (historical) one', () => {
    const list = t.services.placements.placements.list({ kind: 'programme', limit: 500, offset: 0 }, city);
    const states = new Set(list.items.map((p) => p.state));
    for (const s of PLACEMENT_STATES.filter((x) => x !== 'historical')) expect(states, s).toContain(s);
    const agreements = new Set(list.items.map((p) => p.agreementStatus));
    expect([...agreements].sort()).toEqual(['filed', 'none', 'returned', 'submitted']);
    const grades = list.items.filter((p) => p.state === 'evaluated' || p.state === 'renewed').map((p) => p.grade);
    expect(new Set(grades)).toEqual(new Set(['优秀', '合格', '不合格']));
    expect(list.total).toBe(planted.created);
    expect(planted.created).toBeLessThanOrEqual(40);
  });

  it('renews a Xinxiang placement graded 优秀 into a next term waiting for its agreement', () => {
    const [renewed] = planted.byPlan.renewed;
    const d = t.services.placements.placements.get(renewed, city);
    expect(d).toMatchObject({ state: 'renewed', grade: '优秀', profile: { id: 'xinxiang-2025' } });
    const next = t.services.placements.placements.get(d.renewedTo!, city);
    expect(next).toMatchObject({ state: 'pending_agreement', origin: 'renewal', renewalOf: renewed });
  });

  it('shows a behind placement with its clause on its county dashboard at the demo date', () => {
    const [behind] = planted.byPlan.behind;
    const region = t.services.placements.placements.get(behind, city).regionCode!;
    const d = t.services.placements.dashboards.county(region, city, DEMO_REFERENCE_DATE);
    expect(d.figures.byServiceTime.behind).toBeGreaterThanOrEqual(1);
    const row = d.attention.find((x) => x.id === behind)!;
    expect(row.serviceTimeStatus).toBe('behind');
    expect(row.reasons.join('')).toContain('六(四)');
  });

  it('fills every chart of the city dashboard: states, service time, outcomes, grades', () => {
    const d = t.services.placements.dashboards.city(city, DEMO_REFERENCE_DATE);
    expect(d.totals.byServiceTime.on_track).toBeGreaterThan(0);
    expect(d.totals.byServiceTime.behind).toBeGreaterThan(0);
    expect(Object.values(d.totals.outcomes).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    for (const g of ['优秀', '合格', '不合格'] as const) expect(d.totals.grades[g], g).toBeGreaterThan(0);
    expect(d.targets.some((x) => x.lines.some((l) => l.actual > 0))).toBe(true);
  });

  it('plants nothing more on a second run', () => {
    expect(seedDemoPlacements({ ...t.services.demoPlacements(), transaction: t.runtime.transaction }, generateDemoData({ experts: 80, enterprises: 30 })).created).toBe(0);
  });
});

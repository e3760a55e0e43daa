import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CYCLE_ID } from '../../src/demo/demo-data.generator';
import type { PlacementCaller } from '../../src/placements/placement.types';
import { createTestApp, type TestApp } from '../helpers/test-app';

const browser = { accept: 'text/html' };
const countyCaller = (region: string): PlacementCaller => ({ actor: { actor: 'test', actorRole: 'reviewer' }, role: 'reviewer', region, party: null });

describe('placement pages', () => {
  let t: TestApp;
  let id: number;
  let region: string;
  let other: string;
  beforeAll(async () => {
    t = await createTestApp({ demo: true, today: () => '2026-01-05', now: () => '2026-01-05T02:00:00.000Z' });
    const experts = t.repos.experts.list({ limit: 500, offset: 0 }).items;
    const demands = t.repos.demands.listByCycle(DEMO_CYCLE_ID);
    for (const d of demands) {
      const x = experts.find((e) => t.services.policies.checkEligibility({ cycle: DEMO_CYCLE_ID, expertId: e.externalId, demandId: d.demand.externalId }).status === 'eligible');
      if (!x) continue;
      region = d.region;
      const created = t.services.placements.placements.createFromAgreedPair(
        { expertId: x.externalId, enterpriseCreditCode: d.demand.enterpriseCreditCode, demandId: d.demand.externalId, cycle: DEMO_CYCLE_ID, termStart: '2025-07-01' },
        countyCaller(region),
      );
      id = created.id;
      break;
    }
    other = demands.map((d) => d.region).find((r) => r !== region)!;
  });
  afterAll(async () => t.cleanup());
  const get = async (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers: { ...browser, ...headers } });

  it('lists the county’s placements and shows one with the county’s actions', async () => {
    const list = await get('/placements', await t.asReviewer(region));
    expect(list.statusCode, list.body).toBe(200);
    expect(list.body).toContain(`<a href="/placements/${id}">`);
    expect(list.body).toContain('/placement-assets/placements.js?v=');
    const page = await get(`/placements/${id}`, await t.asReviewer(region));
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain('id="placement-state">待备案协议</span>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await get(`/placements/${id}`, await t.asReviewer(other))).statusCode).toBe(403);
    expect((await get('/placement-assets/placements.js', await t.asReviewer(region))).headers['content-type']).toContain('javascript');
  });

  it('shows the county dashboard and the city dashboard, and exports both as XLSX', async () => {
    const county = await get('/placements/dashboard', await t.asReviewer(region));
    expect(county.statusCode, county.body).toBe(200);
    expect(county.body).toContain('<svg role="img" aria-labelledby="chart-states-title chart-states-desc"');
    const city = await get('/placements/dashboard', await t.asAdmin());
    expect(city.statusCode, city.body).toBe(200);
    expect(city.body).toContain('温州市科技副总派驻看板');
    const x = await t.app.inject({ method: 'GET', url: `/v1/placement-dashboards/counties/${region}/export.xlsx`, headers: await t.asReviewer(region) });
    expect(x.statusCode, x.body).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect((await t.app.inject({ method: 'GET', url: `/v1/placement-dashboards/counties/${other}/export.xlsx`, headers: await t.asReviewer(region) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/v1/placement-dashboards/city/export.xlsx', headers: await t.asAdmin() })).statusCode).toBe(200);
  });
});

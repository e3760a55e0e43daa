import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CycleRunOutcome } from '../../src/cycles/cycle-run.service';
import { DEMO_CYCLE_ID } from '../../src/demo/demo-data.generator';
import { createTestApp, type AuthHeaders, type TestApp } from '../helpers/test-app';
import { createRunService, demoData, FakeRanker } from './fixtures';

let t: TestApp;
let first: CycleRunOutcome;
let second: CycleRunOutcome;
let as: { admin: AuthHeaders; viewer: AuthHeaders; reviewer: AuthHeaders; portal: AuthHeaders };
const REVIEWER_REGION = '330302';

beforeAll(async () => {
  t = await createTestApp({ demo: demoData() });
  first = await createRunService(t.runtime, new FakeRanker(t.runtime)).execute({ cycleId: DEMO_CYCLE_ID });
  second = await createRunService(t.runtime, new FakeRanker(t.runtime)).execute({ cycleId: DEMO_CYCLE_ID, seats: 20 });
  // A third run that dies while ranking: it stays 'running'.
  await createRunService(t.runtime, new FakeRanker(t.runtime, { failAfter: 2 }))
    .execute({ cycleId: DEMO_CYCLE_ID, seats: 8 })
    .catch(() => undefined);
  as = { admin: await t.asAdmin(), viewer: await t.asViewer(), reviewer: await t.asReviewer(REVIEWER_REGION), portal: await t.asPortal() };
});
afterAll(async () => t.cleanup());

const get = (url: string, headers?: AuthHeaders) => t.app.inject({ method: 'GET', url, headers });

describe('GET /v1/cycles/:id/runs and /runs/:run', () => {
  it('lists the runs of a cycle newest first with status, parameters and timings', async () => {
    const res = await get(`/v1/cycles/${DEMO_CYCLE_ID}/runs`, as.viewer);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ id: string; status: string; params: Record<string, unknown>; timings: Record<string, number> | null }>;
    expect(items.map((r) => [r.id, r.status])).toEqual([
      [`${DEMO_CYCLE_ID}-r3`, 'running'],
      [`${DEMO_CYCLE_ID}-r2`, 'completed'],
      [`${DEMO_CYCLE_ID}-r1`, 'completed'],
    ]);
    expect(items[1].params).toMatchObject({ seats: 20, policy: 'wenzhou-2025@1', top: 20 });
    expect(items[1].timings).toMatchObject({ rankMs: expect.any(Number), solveMs: expect.any(Number) });
  });

  it('returns the stored summary with the quota arithmetic to city staff', async () => {
    const res = await get(`/v1/cycles/${DEMO_CYCLE_ID}/runs/${first.runId}`, as.admin);
    expect(res.statusCode).toBe(200);
    expect(res.json().summary).toEqual(first.summary);
    expect(res.json().summary.regions[0]).toEqual(
      expect.objectContaining({ share: expect.any(Number), exactQuota: expect.any(Number), remainder: expect.any(Number), seats: expect.any(Number) }),
    );
  });

  it('shows a county reviewer only their own region of the summary', async () => {
    const res = await get(`/v1/cycles/${DEMO_CYCLE_ID}/runs/${first.runId}`, as.reviewer);
    expect(res.statusCode).toBe(200);
    const s = res.json().summary;
    expect(s.regions.map((r: { region: string }) => r.region)).toEqual([REVIEWER_REGION]);
    expect(s.assignments.every((a: { region: string }) => a.region === REVIEWER_REGION)).toBe(true);
    expect(s.assignments.length).toBe(first.summary.assignments.filter((a) => a.region === REVIEWER_REGION).length);
  });

  it('has no summary for an unfinished run, and 404 for a run of another cycle', async () => {
    const res = await get(`/v1/cycles/${DEMO_CYCLE_ID}/runs/${DEMO_CYCLE_ID}-r3`, as.admin);
    expect(res.json()).toMatchObject({ status: 'running', summary: null });
    expect((await get(`/v1/cycles/wenzhou-2024/runs/${first.runId}`, as.admin)).statusCode).toBe(404);
  });
});

describe('GET /v1/cycles/:id/assignments', () => {
  it('answers from the latest completed run by default, with scores, alternates and reasons', async () => {
    const res = await get(`/v1/cycles/${DEMO_CYCLE_ID}/assignments?limit=1000`, as.admin);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.run.id).toBe(second.runId);
    expect(body.total).toBe(demoData().demands.length);
    const proposed = body.items.filter((i: { expertId: string | null }) => i.expertId);
    expect(proposed.length).toBe(second.summary.assignments.length);
    for (const i of proposed) {
      expect(i.proposed.expertId).toBe(i.expertId);
      expect(i.unfilled).toBeNull();
      expect(i.alternates.every((a: { expertId: string }) => a.expertId !== i.expertId)).toBe(true);
    }
    for (const i of body.items.filter((x: { expertId: string | null }) => !x.expertId)) {
      expect(i.unfilled).toEqual({ code: expect.stringMatching(/^[A-Z_]+$/), reason: expect.any(String), details: expect.any(Object) });
    }
  });

  it('chooses a run with ?run=, filters unfilled ones, and refuses an unfinished run', async () => {
    const res = await get(`/v1/cycles/${DEMO_CYCLE_ID}/assignments?run=${first.runId}&unfilled=true&limit=1000`, as.viewer);
    expect(res.statusCode).toBe(200);
    expect(res.json().run.id).toBe(first.runId);
    const expected = first.summary.regions.reduce((n, r) => n + r.unfilled.length, 0);
    expect(res.json().total).toBe(expected);
    const running = await get(`/v1/cycles/${DEMO_CYCLE_ID}/assignments?run=${DEMO_CYCLE_ID}-r3`, as.admin);
    expect(running.statusCode).toBe(409);
    expect(running.json().code).toBe('RUN_NOT_COMPLETED');
  });

  it('shows a county reviewer only their region and refuses another region', async () => {
    const own = await get(`/v1/cycles/${DEMO_CYCLE_ID}/assignments?limit=1000`, as.reviewer);
    expect(own.statusCode).toBe(200);
    expect(own.json().items.length).toBeGreaterThan(0);
    expect(own.json().items.every((i: { region: string }) => i.region === REVIEWER_REGION)).toBe(true);
    const other = await get(`/v1/cycles/${DEMO_CYCLE_ID}/assignments?region=330303`, as.reviewer);
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('FORBIDDEN_REGION');
    const cityFiltered = await get(`/v1/cycles/${DEMO_CYCLE_ID}/assignments?region=330303&limit=1000`, as.viewer);
    expect(cityFiltered.json().items.every((i: { region: string }) => i.region === '330303')).toBe(true);
  });

  it('answers 404 for an unknown cycle or one without a completed run', async () => {
    expect((await get('/v1/cycles/nope/assignments', as.admin)).statusCode).toBe(404);
    expect((await get('/v1/cycles/wenzhou-2024/assignments', as.admin)).statusCode).toBe(404);
  });

  it('is closed to portal keys and to anonymous callers', async () => {
    for (const url of [`/v1/cycles/${DEMO_CYCLE_ID}/runs`, `/v1/cycles/${DEMO_CYCLE_ID}/runs/${first.runId}`, `/v1/cycles/${DEMO_CYCLE_ID}/assignments`]) {
      expect((await get(url, as.portal)).statusCode).toBe(403);
      expect((await get(url)).statusCode).toBe(401);
    }
  });
});

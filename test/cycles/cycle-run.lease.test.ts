import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CycleRunError } from '../../src/cycles/cycle-run.service';
import { processRunHolder } from '../../src/cycles/process-run-holder.adapter';
import { cycleRunLeases, cycleRuns } from '../../src/db/schema';
import { DEMO_CYCLE_ID } from '../../src/demo/demo-data.generator';
import type { RankOptions, RankQuery, Ranker } from '../../src/ranking/ranker.port';
import type { Runtime } from '../../src/runtime';
import { createRunService, createSeededWorld, FakeRanker } from './fixtures';

let world: ReturnType<typeof createSeededWorld>;
let services: Runtime;
beforeEach(() => {
  world = createSeededWorld();
  services = world.services;
});
afterEach(async () => {
  await world.cleanup();
});

/** The fake ranker, held at its first call until released: a run that is provably mid-ranking. */
function gatedRanker(inner: Ranker) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let entered!: () => void;
  const ranking = new Promise<void>((r) => (entered = r));
  const ranker: Ranker = {
    async rank(q: RankQuery, o: RankOptions) {
      entered();
      await gate;
      return inner.rank(q, o);
    },
  };
  return { ranker, release, ranking };
}

describe('cycle run lease', () => {
  it('refuses a second run of the same cycle while one is ranking, with a clear message, and only one run is stored', async () => {
    const gated = gatedRanker(new FakeRanker(services));
    const first = createRunService(services, gated.ranker).execute({ cycleId: DEMO_CYCLE_ID });
    await gated.ranking;
    const second = createRunService(services, new FakeRanker(services)).execute({ cycleId: DEMO_CYCLE_ID });
    const err = await second.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CycleRunError);
    expect((err as CycleRunError).code).toBe('CYCLE_RUN_IN_PROGRESS');
    expect((err as CycleRunError).message).toMatch(/正在由另一个匹配任务运行/);
    gated.release();
    const done = await first;
    expect(done.runId).not.toBeNull();
    expect(services.db.select().from(cycleRuns).all()).toHaveLength(1);
    // Released when done: the next run goes ahead.
    expect(services.db.select().from(cycleRunLeases).all()).toEqual([]);
    const next = await createRunService(services, new FakeRanker(services)).execute({ cycleId: DEMO_CYCLE_ID });
    expect(next.runId).not.toBe(done.runId);
    expect(services.db.select().from(cycleRuns).all()).toHaveLength(2);
  });

  it('takes over the lease of a holder that died (kill -9 leaves its row)', async () => {
    // A pid that cannot exist on this host.
    const dead = `${processRunHolder.newHolderId().split(':')[0]}:4194999:dead`;
    services.repositories.runLeases.acquire(DEMO_CYCLE_ID, dead, new Date().toISOString(), () => false);
    expect(processRunHolder.isAlive(dead, new Date().toISOString(), new Date())).toBe(false);
    const out = await createRunService(services, new FakeRanker(services)).execute({ cycleId: DEMO_CYCLE_ID });
    expect(out.runId).not.toBeNull();
  });

  it('judges a holder alive while its process exists and its heartbeat is fresh', () => {
    const me = processRunHolder.newHolderId();
    const now = new Date();
    expect(processRunHolder.isAlive(me, now.toISOString(), now)).toBe(true);
    expect(processRunHolder.isAlive(me, new Date(now.getTime() - 11 * 60_000).toISOString(), now)).toBe(false);
  });
});

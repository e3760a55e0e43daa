import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { HashingEmbedder } from '../../src/embeddings/hashing-embedder.fake';
import type { StartupProgress } from '../../src/http/health.routes';
import { createTestRuntime, silentLogger, type TestRuntime } from '../helpers/test-runtime';

let tmp: TestRuntime | undefined;
afterEach(async () => {
  await tmp?.cleanup();
});

describe('start-up progress on /readyz', () => {
  it('reports the sync stage with its count while starting, and only the status once ready', async () => {
    tmp = createTestRuntime({ demo: true, embedder: new HashingEmbedder() });
    const { retrieval } = await tmp.runtime.matching();
    const state = { ready: false, progress: undefined as StartupProgress | undefined };
    const app = await buildApp({
      services: tmp.runtime.services,
      logger: silentLogger,
      readiness: () => ({ ready: state.ready, checks: { index: state.ready ? 'ok' : 'building' }, progress: state.ready ? undefined : state.progress }),
    });
    const seen: StartupProgress[] = [];
    const bodies: unknown[] = [];
    await retrieval.sync({
      onProgress: (p) => {
        state.progress = p;
        seen.push(p);
      },
    });
    const embed = seen.filter((p) => p.stage === 'embed');
    expect(embed.length).toBeGreaterThan(0);
    expect(embed.at(-1)!.done).toBe(embed.at(-1)!.total);
    bodies.push((await app.inject('/readyz')).json());
    state.ready = true;
    bodies.push((await app.inject('/readyz')).json());
    expect(bodies[0]).toEqual({ status: 'starting', checks: { index: 'building' }, progress: seen.at(-1) });
    expect(bodies[1]).toEqual({ status: 'ready', checks: { index: 'ok' } });
    await app.close();
  });
});

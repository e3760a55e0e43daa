import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config';
import { generateDemoData, type DemoData, type DemoDataOptions } from '../../src/demo/demo-data.generator';
import { seedDemo } from '../../src/demo/seed-demo.service';
import { TransformersEmbedder } from '../../src/embeddings/transformers-embedder.adapter';
import { createRuntime, type Runtime, type RuntimeOverrides } from '../../src/runtime';
import { createLogger } from '../../src/shared/logger';

export const silentLogger = createLogger('silent');

// Production refuses this cost; tests log in hundreds of times (the default, 2^17, costs ~0.4 s per hash).
export const TEST_PASSWORD_HASH_COST = '12';

export type TestRuntime = {
  runtime: Runtime;
  config: Config;
  /** The temp DATA_DIR (database, index files). */
  dir: string;
  /** The seeded demo data, when asked for. */
  demo?: DemoData;
  /** Closes this runtime and opens a new one over the same DATA_DIR (restart tests). */
  reopen(overrides?: RuntimeOverrides): Promise<Runtime>;
  cleanup(): Promise<void>;
};

export type TestRuntimeOptions = RuntimeOverrides & {
  /** Seeds the demo through the intake path: given data, or generator options (small by default). */
  demo?: DemoData | DemoDataOptions | true;
  prefix?: string;
};

let smallDemo: DemoData | undefined;
/** Small deterministic demo data (30 enterprises, 34 demands, 80 experts, every planted edge case), generated once. */
export function smallDemoData(): DemoData {
  smallDemo ??= generateDemoData({ experts: 80, enterprises: 30 });
  return smallDemo;
}

/**
 * The one test harness: the real runtime (src/runtime.ts) over a fresh temp DATA_DIR — real SQLite file with
 * migrations, real repositories and services — with the overrides a test needs (a pinned clock, a fake embedder
 * for tests above the embedding layer).
 */
export function createTestRuntime(options: TestRuntimeOptions = {}): TestRuntime {
  const { demo: demoOption, prefix, ...overrides } = options;
  const dir = mkdtempSync(join(tmpdir(), prefix ?? 'kjfz-test-'));
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', PASSWORD_HASH_COST: TEST_PASSWORD_HASH_COST });
  const withLogger = (o: RuntimeOverrides) => ({ logger: silentLogger, ...o });
  let runtime = createRuntime(config, withLogger(overrides));
  let demo: DemoData | undefined;
  if (demoOption) {
    demo =
      demoOption === true
        ? smallDemoData()
        : 'experts' in demoOption && Array.isArray(demoOption.experts)
          ? (demoOption as DemoData)
          : generateDemoData(demoOption as DemoDataOptions);
    const seeded = seedDemo({ intake: runtime.services.intake, transaction: runtime.transaction }, { data: demo });
    if (seeded.rejected.length) throw new Error(`demo seed rejected records: ${JSON.stringify(seeded.rejected.slice(0, 3))}`);
  }
  const t: TestRuntime = {
    get runtime() {
      return runtime;
    },
    config,
    dir,
    demo,
    async reopen(next = overrides) {
      await runtime.close();
      runtime = createRuntime(config, withLogger(next));
      return runtime;
    },
    async cleanup() {
      await runtime.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return t;
}

let model: Promise<TransformersEmbedder> | undefined;
/** The real model, loaded once per test file (tests of the embedding layer and end-to-end matching). */
export function realModel(): Promise<TransformersEmbedder> {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  model ??= TransformersEmbedder.load({ modelDir: config.modelDir, model: config.embedModel, maxTokens: config.embedMaxTokens, batchSize: config.embedBatch });
  return model;
}

/** Seeds demo data into a DATA_DIR that a separate process (a CLI under test) will open. */
export async function seedDataDir(dir: string, data: DemoData): Promise<void> {
  const runtime = createRuntime(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', PASSWORD_HASH_COST: TEST_PASSWORD_HASH_COST }), { logger: silentLogger });
  try {
    const seeded = seedDemo({ intake: runtime.services.intake, transaction: runtime.transaction }, { data });
    if (seeded.rejected.length) throw new Error(`demo seed rejected records: ${JSON.stringify(seeded.rejected.slice(0, 3))}`);
  } finally {
    await runtime.close();
  }
}

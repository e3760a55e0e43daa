import type { Readiness, StartupProgress } from './health.routes';

/** starting → first-pass (a staged start answers matches, scored on portraits; the rest fills in) → complete. */
export type StartupStage = 'starting' | 'first-pass' | 'complete';
export type DatabaseCheck = () => { ok: true } | { ok: false; reason: string };

/**
 * What /readyz and POST /v1/match say about a start-up in progress: the stage, the sync's current step with
 * its count, a failed sync or missing model, and whether the database still takes writes. Ready (200)
 * means a match gets an answer: from the first pass on, while the database can write.
 */
export class StartupState {
  stage: StartupStage = 'starting';
  progress?: StartupProgress;
  error?: string;

  constructor(private readonly deps: { modelError?: string; database: DatabaseCheck }) {}

  private partialNote(): string {
    const p = this.progress;
    const count = p && p.stage === 'embed' ? `（${p.done}/${p.total}）` : '';
    return `启动中：每位专家的画像向量已就绪，项目、专利、论文向量仍在后台补全${count}；此时的名单仅按画像与关键词计分，补全后可能变化`;
  }

  private indexCheck(): string {
    if (this.error) return `failed: ${this.error}`;
    if (this.stage === 'complete') return 'ok';
    return this.stage === 'first-pass' ? 'partial: portraits embedded, other evidence filling in' : 'building';
  }

  readonly readiness: Readiness = () => {
    const db = this.deps.database();
    const { modelError } = this.deps;
    return {
      ready: this.stage !== 'starting' && db.ok,
      checks: {
        database: db.ok ? 'ok' : db.reason,
        model: modelError ? `missing: ${modelError} (run npm run setup)` : 'ok',
        index: this.indexCheck(),
      },
      progress: this.stage === 'complete' ? undefined : this.progress,
      partial: this.stage === 'first-pass' ? this.partialNote() : undefined,
    };
  };
}

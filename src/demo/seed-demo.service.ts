// Loads the generated demo data through the normal intake path (same validation, same content-hash upserts as a
// real import), so the demo exercises what production does and a re-run is a no-op.
import type { Db } from '../db/client';
import { DemandRepository } from '../intake/demand.repository';
import { EnterpriseRepository } from '../intake/enterprise.repository';
import { ExpertRepository } from '../intake/expert.repository';
import { createIntakeRepositories } from '../intake/intake.factory';
import { IntakeService, type FieldError, type SaveResult } from '../intake/intake.service';
import { ReferenceRepository } from '../intake/reference.repository';
import { generateDemoData, type DemoData, type DemoDataOptions } from './demo-data.generator';

export type SeedKind = 'cycles' | 'enterprises' | 'experts' | 'demands';
export type StatusCounts = { inserted: number; updated: number; unchanged: number; rejected: number };
export type RejectedRecord = { kind: SeedKind; key: string; errors: FieldError[] };
export type SeedDemoSummary = Record<SeedKind, StatusCounts> & { rejected: RejectedRecord[]; durationMs: number };
export type SeedDemoOptions = DemoDataOptions & {
  /** Pre-generated data (tests, or a caller that wants the edge-case list too); generated from the options otherwise. */
  data?: DemoData;
};
export type DemoMode = 'auto' | 'on' | 'off';

const emptyCounts = (): StatusCounts => ({ inserted: 0, updated: 0, unchanged: 0, rejected: 0 });

function keyOf(kind: SeedKind, record: unknown): string {
  const r = record as Record<string, unknown>;
  return String((kind === 'cycles' ? r.id : kind === 'enterprises' ? r.creditCode : r.externalId) ?? '(unknown)');
}

export function seedDemo(db: Db, opts: SeedDemoOptions = {}): SeedDemoSummary {
  const started = performance.now();
  const data = opts.data ?? generateDemoData(opts);
  const intake = new IntakeService(createIntakeRepositories(db));

  const summary: SeedDemoSummary = {
    cycles: emptyCounts(), enterprises: emptyCounts(), experts: emptyCounts(), demands: emptyCounts(), rejected: [], durationMs: 0,
  };
  const tally = (kind: SeedKind, record: unknown, result: SaveResult<string>) => {
    if (result.ok) summary[kind][result.status] += 1;
    else {
      summary[kind].rejected += 1;
      summary.rejected.push({ kind, key: keyOf(kind, record), errors: result.errors });
    }
  };

  // One transaction per kind: thousands of single-row commits would each fsync; the repositories' own
  // transactions nest as savepoints. Demands go last because they reference enterprises and the cycle.
  db.transaction(() => {
    for (const c of data.cycles) tally('cycles', c, intake.saveCycle(c));
  });
  db.transaction(() => {
    for (const e of data.enterprises) tally('enterprises', e, intake.saveEnterprise(e));
  });
  db.transaction(() => {
    for (const x of data.experts) tally('experts', x, intake.saveExpert(x));
  });
  db.transaction(() => {
    for (const d of data.demands) tally('demands', d, intake.saveDemand(d));
  });
  summary.durationMs = Math.round(performance.now() - started);
  return summary;
}

/** True when nothing has been imported yet (no cycles, enterprises, experts or demands). */
export function isDatabaseEmpty(db: Db): boolean {
  return new ReferenceRepository(db).listCycles().length === 0
    && new EnterpriseRepository(db).count() === 0
    && new ExpertRepository(db).count() === 0
    && new DemandRepository(db).count() === 0;
}

/**
 * What `npm start` does with config.demo: 'auto' seeds only an empty database, 'on' always (idempotent),
 * 'off' never. Returns the summary, or null when nothing was seeded.
 */
export function seedDemoIfEmpty(db: Db, mode: DemoMode, opts: SeedDemoOptions = {}): SeedDemoSummary | null {
  if (mode === 'off' || (mode === 'auto' && !isDatabaseEmpty(db))) return null;
  return seedDemo(db, opts);
}

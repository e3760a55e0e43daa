// Loads the generated demo data through the normal intake path (same validation, same content-hash upserts as a
// real import), so the demo exercises what production does and a re-run is a no-op.
import type { DemandRepository } from '../intake/demand.repository';
import type { EnterpriseRepository } from '../intake/enterprise.repository';
import type { ExpertRepository } from '../intake/expert.repository';
import type { FieldError, IntakeService, SaveResult } from '../intake/intake.service';
import type { ReferenceRepository } from '../intake/reference.repository';
import type { Transaction } from '../shared/transaction.port';
import type { AuditActor } from '../shared/audit-trail.port';
import { generateDemoData, type DemoData, type DemoDataOptions } from './demo-data.generator';

/** The demo seed's rows in the audit trail. */
const DEMO_SEED_ACTOR: AuditActor = { actor: 'system:demo-seed', actorRole: 'system' };

export type SeedKind = 'cycles' | 'enterprises' | 'experts' | 'demands';
export type StatusCounts = { inserted: number; updated: number; unchanged: number; rejected: number };
export type RejectedRecord = { kind: SeedKind; key: string; errors: FieldError[] };
export type SeedDemoSummary = Record<SeedKind, StatusCounts> & { rejected: RejectedRecord[]; durationMs: number };
export type SeedDemoOptions = DemoDataOptions & {
  /** Pre-generated data (tests, or a caller that wants the edge-case list too); generated from the options otherwise. */
  data?: DemoData;
};
export type DemoMode = 'auto' | 'on' | 'off';

/** The intake write path (same validation and content-hash upserts as an import) and one transaction per kind. */
export type SeedDemoDeps = {
  intake: Pick<IntakeService, 'saveCycle' | 'saveEnterprise' | 'saveExpert' | 'saveDemand'>;
  transaction: Transaction;
};
/** What tells an empty database. */
export type RecordCounts = {
  reference: Pick<ReferenceRepository, 'listCycles'>;
  enterprises: Pick<EnterpriseRepository, 'count'>;
  experts: Pick<ExpertRepository, 'count'>;
  demands: Pick<DemandRepository, 'count'>;
};

/** The demo's records are in use at once: they enter as approved, audited as the seed's approval. */
const DEMO_APPROVAL = { by: { actor: 'system:demo-seed', actorRole: 'admin' }, approve: true };

const emptyCounts = (): StatusCounts => ({ inserted: 0, updated: 0, unchanged: 0, rejected: 0 });

function keyOf(kind: SeedKind, record: unknown): string {
  const r = record as Record<string, unknown>;
  return String((kind === 'cycles' ? r.id : kind === 'enterprises' ? r.creditCode : r.externalId) ?? '(unknown)');
}

export function seedDemo(deps: SeedDemoDeps, opts: SeedDemoOptions = {}): SeedDemoSummary {
  const started = performance.now();
  const data = opts.data ?? generateDemoData(opts);
  const { intake, transaction } = deps;

  const summary: SeedDemoSummary = {
    cycles: emptyCounts(),
    enterprises: emptyCounts(),
    experts: emptyCounts(),
    demands: emptyCounts(),
    rejected: [],
    durationMs: 0,
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
  transaction(() => {
    for (const c of data.cycles) tally('cycles', c, intake.saveCycle(c, DEMO_SEED_ACTOR));
  });
  transaction(() => {
    for (const e of data.enterprises) tally('enterprises', e, intake.saveEnterprise(e, DEMO_SEED_ACTOR));
  });
  transaction(() => {
    for (const x of data.experts) tally('experts', x, intake.saveExpert(x, DEMO_APPROVAL));
  });
  transaction(() => {
    for (const d of data.demands) tally('demands', d, intake.saveDemand(d, DEMO_APPROVAL));
  });
  summary.durationMs = Math.round(performance.now() - started);
  return summary;
}

/** True when nothing has been imported yet (no cycles, enterprises, experts or demands). */
export function isDatabaseEmpty(counts: RecordCounts): boolean {
  return counts.reference.listCycles().length === 0 && counts.enterprises.count() === 0 && counts.experts.count() === 0 && counts.demands.count() === 0;
}

/**
 * What `npm start` does with config.demo: 'auto' seeds only an empty database, 'on' always (idempotent),
 * 'off' never. Returns the summary, or null when nothing was seeded.
 */
export function seedDemoIfEmpty(deps: SeedDemoDeps & { counts: RecordCounts }, mode: DemoMode, opts: SeedDemoOptions = {}): SeedDemoSummary | null {
  if (mode === 'off' || (mode === 'auto' && !isDatabaseEmpty(deps.counts))) return null;
  return seedDemo(deps, opts);
}

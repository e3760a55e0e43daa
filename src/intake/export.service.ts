import { formatCsvLine } from './csv.parser';
import type { DemandRepository } from './demand.repository';
import type { EnterpriseRepository } from './enterprise.repository';
import type { ExpertRepository } from './expert.repository';
import type { EntityKind } from './intake.service';
import { COLUMNS, toCells } from './tabular-columns';

type Repos = { experts: ExpertRepository; enterprises: EnterpriseRepository; demands: DemandRepository };

/** Records in the import format, in insertion order: import → export → import is lossless. */
export function* exportRecords(repos: Repos, kind: EntityKind): Generator<object> {
  if (kind === 'experts') for (const r of repos.experts.iterate()) yield r.expert;
  else if (kind === 'enterprises') for (const r of repos.enterprises.iterate()) yield r.enterprise;
  else for (const r of repos.demands.iterate()) yield r.demand;
}

/** Export lines (without line breaks): JSON Lines, or CSV in the import layout with a BOM'd header so Excel reads UTF-8. */
export function* exportLines(repos: Repos, kind: EntityKind, format: 'jsonl' | 'csv'): Generator<string> {
  if (format === 'csv') yield `\ufeff${formatCsvLine(Object.keys(COLUMNS[kind]))}`;
  for (const record of exportRecords(repos, kind)) yield format === 'csv' ? formatCsvLine(toCells(kind, record as Record<string, unknown>)) : JSON.stringify(record);
}

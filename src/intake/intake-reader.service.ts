import type { EntityKind, IntakeRepositories } from './intake.service';

/** Read side of intake: lookups by business key and paged lists. */
export class IntakeReader {
  constructor(private readonly deps: IntakeRepositories) {}

  get(kind: EntityKind, key: string): object | undefined {
    if (kind === 'experts') return this.deps.experts.getByExternalId(key);
    if (kind === 'enterprises') return this.deps.enterprises.getByCreditCode(key.toUpperCase());
    return this.deps.demands.getByExternalId(key)?.demand;
  }

  exists(kind: EntityKind, key: string): boolean {
    if (kind === 'experts') return this.deps.experts.findIdByExternalId(key) !== undefined;
    if (kind === 'enterprises') return this.deps.enterprises.findIdByCreditCode(key.toUpperCase()) !== undefined;
    return this.deps.demands.getByExternalId(key) !== undefined;
  }

  /** The region a stored record belongs to (a demand's is its enterprise's), for region-scoped access. */
  regionOf(kind: EntityKind, key: string): string | undefined {
    if (kind === 'experts') return this.deps.experts.getByExternalId(key)?.region;
    if (kind === 'enterprises') return this.deps.enterprises.getByCreditCode(key.toUpperCase())?.region;
    return this.deps.demands.getByExternalId(key)?.region;
  }

  list(kind: EntityKind, q: { limit: number; offset: number; region?: string; cycle?: string }) {
    if (kind === 'experts') return this.deps.experts.list(q);
    if (kind === 'enterprises') return this.deps.enterprises.list(q);
    return this.deps.demands.list(q);
  }

  regions() {
    return this.deps.reference.listRegions();
  }

  cycles() {
    return this.deps.reference.listCycles();
  }
}

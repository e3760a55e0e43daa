import type { Services } from '../container';
import { PolicyContextRepository } from '../policy/policy-context.repository';
import type { Ranker } from '../ranking/ranker.port';
import type { Logger } from '../shared/logger';
import { CycleRunRepository } from './cycle-run.repository';
import { type CycleRunDeps, CycleRunService } from './cycle-run.service';
import type { ProgressReporter } from './progress.port';

export type CycleRunAdapters = {
  ranker: Ranker;
  /** Usually `(onProgress) => retrieval.sync({ onProgress })`. */
  syncRetrieval: CycleRunDeps['syncRetrieval'];
  progress: ProgressReporter;
  logger: Logger;
  rankerId: string;
  clock?: CycleRunDeps['clock'];
  chunkSize?: number;
  concurrency?: number;
};

/** The cycle-run use-case over the app's repositories and policy service, with the heavy adapters given. */
export function createCycleRunService(services: Services, adapters: CycleRunAdapters): CycleRunService {
  return new CycleRunService({
    runs: new CycleRunRepository(services.db),
    demands: services.repos.demands,
    enterprises: services.repos.enterprises,
    experts: services.repos.experts,
    reference: services.repos.reference,
    policies: services.policies,
    policyContext: new PolicyContextRepository(services.db),
    clock: adapters.clock ?? { now: () => new Date() },
    ...adapters,
  });
}

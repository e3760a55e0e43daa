import type { SelectionRepository } from './selection.repository';
import type { AgreedPair } from './selection.schema';
import type { AgreedPairSource } from './selection.types';

/** The agreed pairs of a cycle (the expert confirmed the enterprise's choice), for the cycle run's fixed pairs. */
export class AgreedPairsService implements AgreedPairSource {
  constructor(private readonly deps: { selection: Pick<SelectionRepository, 'listViews'> }) {}

  agreedPairs(cycleId: string): AgreedPair[] {
    return this.deps.selection
      .listViews({ cycleId, state: 'agreed' })
      .map((v) => ({ interestId: v.id, cycleId: v.cycleId, demandId: v.demandId, enterpriseCreditCode: v.enterpriseCreditCode, expertId: v.expertId, confirmedAt: v.confirmedAt! }))
      .sort((a, b) => (a.demandId < b.demandId ? -1 : a.demandId > b.demandId ? 1 : a.interestId - b.interestId));
  }
}

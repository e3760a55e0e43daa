import type { ExpertRepository } from '../intake/expert.repository';
import type { AuditTrail } from '../shared/audit-trail.port';
import { AppError, notFound } from '../shared/errors';
import type { Transaction } from '../shared/transaction.port';
import type { SelectionRepository } from './selection.repository';
import type { ExpertSettings } from './selection.schema';
import type { SelectionParty } from './selection.types';

/** An expert pauses (and resumes) being contacted: while paused, no enterprise can mark interest in them. */
export class ExpertPauseService {
  constructor(
    private readonly deps: {
      selection: Pick<SelectionRepository, 'expertSettings' | 'saveExpertSettings'>;
      experts: Pick<ExpertRepository, 'findIdByExternalId'>;
      audit: AuditTrail;
      transaction: Transaction;
      now: () => string;
    },
  ) {}

  settings(party: SelectionParty): ExpertSettings {
    const rowId = this.rowIdOf(party);
    const s = this.deps.selection.expertSettings(rowId);
    return { expertId: party.key, paused: s?.paused ?? false, pausedAt: s?.pausedAt ?? null };
  }

  setPaused(party: SelectionParty, paused: boolean): ExpertSettings {
    const rowId = this.rowIdOf(party);
    return this.deps.transaction(() => {
      const before = this.deps.selection.expertSettings(rowId);
      const now = this.deps.now();
      const pausedAt = paused ? (before?.paused ? before.pausedAt : now) : null;
      this.deps.selection.saveExpertSettings({ expertId: rowId, paused, pausedAt, updatedAt: now });
      this.deps.audit.append({
        ...party.actor,
        action: paused ? 'selection.pause' : 'selection.resume',
        entity: 'expert',
        entityId: party.key,
        regionCode: party.regionCode || null,
        before: { paused: before?.paused ?? false },
        after: { paused },
      });
      return { expertId: party.key, paused, pausedAt };
    });
  }

  private rowIdOf(party: SelectionParty): number {
    if (party.side !== 'expert') throw new AppError('FORBIDDEN', '仅专家本人可设置是否接受联系');
    const id = this.deps.experts.findIdByExternalId(party.key);
    if (id === undefined) throw notFound('专家', party.key);
    return id;
  }
}

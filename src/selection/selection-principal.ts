import { auditActorOf, forbidden } from '../auth/access.policy';
import type { Principal } from '../auth/auth.types';
import { regionScope } from '../auth/region-scope.policy';
import type { SelectionOverseer, SelectionParty, TalkViewer } from './selection.types';

/** The participant a request acts as (own session, or a portal acting for them); anyone else is refused. */
export function partyOfPrincipal(p: Principal): SelectionParty {
  if (p.kind !== 'participant') throw forbidden();
  const key = p.side === 'enterprise' ? p.enterpriseCreditCode : p.expertExternalId;
  if (!key) throw forbidden();
  return { side: p.side, key, displayName: p.displayName, regionCode: p.regionCode, actor: auditActorOf(p) };
}

/** County staff looking on (a reviewer: their county; admin and viewer: all). */
export function overseerOfPrincipal(p: Principal): SelectionOverseer {
  if (p.kind !== 'staff') throw forbidden();
  return { scope: regionScope(p), actor: auditActorOf(p) };
}

export function viewerOfPrincipal(p: Principal): TalkViewer {
  return p.kind === 'staff' ? { kind: 'staff', overseer: overseerOfPrincipal(p) } : { kind: 'party', party: partyOfPrincipal(p) };
}

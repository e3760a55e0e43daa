import type { DemandStage, Interest, InterestState } from '../selection/selection.schema';
import { html } from './html';

// Chinese wording of the two-way selection states, shared by the participant and county pages.

export const STAGE_LABELS: Record<DemandStage, string> = {
  no_interest: '尚无意向',
  interested: '已有意向',
  talking: '洽谈中',
  chosen: '企业已选定',
  agreed: '已达成一致',
  declined: '已婉拒',
};

export const STATE_LABELS: Record<InterestState, string> = {
  pending: '待对方回应',
  talking: '洽谈中',
  chosen: '企业已选定，待专家确认',
  agreed: '双方已确认',
  declined: '已婉拒',
};

const TONE: Record<DemandStage | InterestState, string> = {
  no_interest: 'none',
  interested: 'pending',
  pending: 'pending',
  talking: 'swapped',
  chosen: 'pending',
  agreed: 'approved',
  declined: 'rejected',
};

/** A pending interest reads from the side that started it: 企业已邀请 / 专家有意向. */
export function interestLabel(i: Pick<Interest, 'state' | 'initiatedBy'>): string {
  if (i.state !== 'pending') return STATE_LABELS[i.state];
  return i.initiatedBy === 'enterprise' ? '企业已邀请，待专家回应' : '专家有意向，待企业回应';
}

export const interestBadge = (i: Pick<Interest, 'state' | 'initiatedBy'>) => html`<span class="badge decision-${TONE[i.state]}">${interestLabel(i)}</span>`;
export const stateBadge = (s: InterestState) => html`<span class="badge decision-${TONE[s]}">${STATE_LABELS[s]}</span>`;
export const stageBadge = (s: DemandStage) => html`<span class="badge decision-${TONE[s]}">${STAGE_LABELS[s]}</span>`;

/** Messages can be sent once interest is mutual, until the pair is declined or agreed. */
export const canMessage = (s: InterestState) => s === 'talking' || s === 'chosen';
/** Contact details exist for both once interest is mutual. */
export const isMutual = (s: InterestState) => s === 'talking' || s === 'chosen' || s === 'agreed';

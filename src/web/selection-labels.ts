import { html } from './html';
import type { DemandStage, PairStatus } from './selection-pages.types';

// Chinese wording of the two-way selection states, shared by the participant and county pages.

export const STAGE_LABELS: Record<DemandStage, string> = { none: '尚无意向', talking: '洽谈中', agreed: '已达成一致', declined: '已婉拒' };

export const PAIR_LABELS: Record<PairStatus, string> = {
  interest_enterprise: '企业已邀请，待专家回应',
  interest_expert: '专家有意向，待企业回应',
  open: '洽谈中',
  chosen: '企业已选定，待专家确认',
  agreed: '双方已确认',
  declined: '已婉拒',
};

const PAIR_TONE: Record<PairStatus, string> = {
  interest_enterprise: 'pending',
  interest_expert: 'pending',
  open: 'swapped',
  chosen: 'pending',
  agreed: 'approved',
  declined: 'rejected',
};
const STAGE_TONE: Record<DemandStage, string> = { none: 'none', talking: 'swapped', agreed: 'approved', declined: 'rejected' };

export const pairBadge = (s: PairStatus) => html`<span class="badge decision-${PAIR_TONE[s]}">${PAIR_LABELS[s]}</span>`;
export const stageBadge = (s: DemandStage) => html`<span class="badge decision-${STAGE_TONE[s]}">${STAGE_LABELS[s]}</span>`;

/** A talk is open for messages once both sides have shown interest, until it is declined. */
export const isTalkOpen = (s: PairStatus) => s === 'open' || s === 'chosen' || s === 'agreed';

import type { PolicyProfileInput } from '../policy.schema';

/** No eligibility rules: everyone may be matched to everyone, for evaluating retrieval on its own. */
export const openProfile: PolicyProfileInput = {
  id: 'open',
  version: 1,
  name: '不设资格条件（纯检索评估）',
  jurisdiction: { name: '不限', regionCode: null },
  rules: [],
  priorityIndustries: [],
  expertCapacity: 1,
  enterpriseCapacity: 1,
  notes: '不对应任何政策文件；仅用于评估检索与排序质量。',
};

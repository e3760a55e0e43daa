import type { DecisionStatus, RegionStatus, ReviewAction } from './review.schema';

// Chinese wording shared by the review page, the XLSX export and error messages.

export const DECISION_STATUS_LABELS: Record<DecisionStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已驳回',
  swapped: '已替换',
};

/** A demand the run proposed nobody for needs no decision: it reads 无推荐 rather than 待审核. */
export function decisionLabel(d: { decision: { status: DecisionStatus }; proposed: unknown }): string {
  return d.decision.status === 'pending' && !d.proposed ? '无推荐' : DECISION_STATUS_LABELS[d.decision.status];
}

export const REGION_STATUS_LABELS: Record<RegionStatus, string> = {
  open: '审核中',
  submitted: '已提交，待市级确认',
  confirmed: '市级已确认',
  returned: '市级已退回，请修改后重新提交',
};

export const ACTION_LABELS: Record<ReviewAction | 'submit' | 'confirm' | 'return', string> = {
  approve: '通过',
  reject: '驳回',
  swap: '替换',
  submit: '提交',
  confirm: '确认',
  return: '退回',
};

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'review.approve': '通过推荐',
  'review.reject': '驳回推荐',
  'review.swap': '替换专家',
  'review.submit': '提交区县审核结果',
  'review.confirm': '市级确认',
  'review.return': '市级退回',
  'review.verify': '记录核实结论',
  'review.enter_fact': '补录待核实信息',
};

export const BREAKDOWN_LABELS = {
  semantic: '语义相似',
  lexical: '关键词',
  overlap: '领域重合',
  strength: '科研实力',
  priority: '政策优先',
} as const;

export const EVIDENCE_KIND_LABELS = {
  portrait: '研究画像',
  project: '项目',
  patent: '专利',
  paper: '论文',
} as const;

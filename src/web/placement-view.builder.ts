import { OUTCOME_KINDS, type ClauseOut, type PlacementDetail, type PlacementSummary, type ServiceTime } from '../placements/placement.schema';
import { seg } from './html';
import type { ClauseRef, PlacementAction, PlacementDetailView, PlacementListRow, ServiceStatus } from './placement-view.types';

// From the placement service's read models (src/placements/placement.schema.ts) to what the pages show: Chinese
// labels, the clause of each rule, and the viewer's actions as forms calling the /v1/placements routes.

export const AGREEMENT_LABELS = { none: '尚未上传', submitted: '已上传，待区县备案', filed: '已备案', returned: '已退回，待重新上传' } as const;
export const LOG_LABELS = { pending: '待企业确认', confirmed: '企业已确认', disputed: '企业有异议' } as const;
export const SERVICE_TIME_LABELS = { on_track: '正常', behind: '滞后', missed: '未达标', not_started: '未开始', not_applicable: '无最低要求' } as const;
export const OUTCOME_LABELS: Record<(typeof OUTCOME_KINDS)[number], string> = {
  problem_solved: '解决技术难题',
  project: '技术攻关项目',
  ip_filing: '知识产权申请',
  new_technology: '新技术新工艺新产品',
  training: '培训',
  people_trained: '培养人才',
  platform: '平台载体',
};
const OUTCOME_UNITS: Record<(typeof OUTCOME_KINDS)[number], string> = {
  problem_solved: '项',
  project: '项',
  ip_filing: '件',
  new_technology: '项',
  training: '次',
  people_trained: '人',
  platform: '个',
};
const IP_LABELS = { invention: '发明专利', utility: '实用新型专利', design: '外观设计专利', software_copyright: '软件著作权', other: '其他' } as const;
const EVALUATION_LABELS = { assessed: '企业已评价，待区县评定', graded: '区县已评定，待市级确认', confirmed: '市级已确认', returned: '市级退回，待区县重新评定' } as const;
const GRADE_OPTIONS = ['优秀', '良好', '合格', '不合格'].map((g) => ({ value: g, label: g }));

/** Uploads the service accepts (it sniffs the bytes; the page checks the declared type and size first). */
export const AGREEMENT_ACCEPT = 'application/pdf,image/png,image/jpeg';
export const AGREEMENT_MAX_BYTES = 10 * 1024 * 1024;

export const clauseRef = (c: ClauseOut | null | undefined): ClauseRef | null => (c ? { document: c.document, article: c.article, text: c.text ?? '' } : null);

export const serviceStatusOf = (s: ServiceTime['status']): ServiceStatus | null => (s === 'on_track' || s === 'behind' || s === 'missed' ? s : null);

const termLabel = (p: PlacementSummary) => `${p.termStart} 至 ${p.endsOn ?? p.termEnd ?? '—'}`;

export function toListRow(p: PlacementSummary): PlacementListRow {
  return {
    id: String(p.id),
    expertName: p.expert.name,
    enterpriseName: p.enterprise.name,
    regionName: p.regionName ?? '—',
    state: p.state,
    stateLabel: p.stateLabel,
    termLabel: termLabel(p),
    serviceStatus: serviceStatusOf(p.serviceTimeStatus),
    serviceLabel: SERVICE_TIME_LABELS[p.serviceTimeStatus],
    grade: p.grade,
  };
}

/** The viewer's next steps, as the service allows them (`detail.actions`); the API enforces the same. */
function actionsOf(d: PlacementDetail, today: string): PlacementAction[] {
  const base = `/v1/placements/${seg(String(d.id))}`;
  const a = d.actions;
  const out: PlacementAction[] = [];
  if (a.uploadAgreement) {
    out.push({
      id: 'upload-agreement',
      title: d.agreement.status === 'returned' ? '重新上传三方协议' : '上传三方协议',
      url: `${base}/agreement`,
      method: 'PUT',
      encoding: 'raw',
      note: '企业、科技副总、派出单位三方签字盖章后的协议，PDF 或 JPG/PNG 图片，不超过 10 MB。',
      fields: [
        { name: 'file', label: '协议扫描件或照片', type: 'file', required: true, accept: AGREEMENT_ACCEPT, maxBytes: AGREEMENT_MAX_BYTES },
        { name: 'signedOn', label: '签订日期', type: 'date', value: today },
      ],
      buttons: [{ label: '上传协议', success: '已上传三方协议，等待区县备案' }],
    });
  }
  if (a.fileAgreement) {
    out.push({
      id: 'file-agreement',
      title: '协议备案',
      url: `${base}/agreement/decision`,
      note: '协议报县（市、区）科技部门备案；退回时请写明需要补正的内容。',
      fields: [{ name: 'reason', label: '退回理由', type: 'text' }],
      buttons: [
        { label: '备案', name: 'action', value: 'file', success: '已备案，派驻开始服务' },
        { label: '退回', name: 'action', value: 'return', kind: 'danger', success: '已退回协议' },
      ],
    });
  }
  if (a.logService) {
    out.push({
      id: 'log-service',
      title: '填报服务记录',
      url: `${base}/service-log`,
      fields: [
        { name: 'date', label: '服务日期', type: 'date', required: true, value: today },
        { name: 'days', label: '服务天数', type: 'number', required: true, min: 0.5, max: 31, step: 0.5, value: '1' },
        { name: 'participants', label: '服务对象', type: 'text', required: true, hint: '如：研发部、工艺团队' },
        { name: 'activity', label: '服务内容', type: 'textarea', required: true },
      ],
      buttons: [{ label: '提交服务记录', success: '已提交服务记录，等待企业确认' }],
    });
  }
  if (a.recordOutcome) {
    out.push({
      id: 'record-outcome',
      title: '登记工作成效',
      url: `${base}/outcomes`,
      fields: [
        { name: 'kind', label: '成效类别', type: 'select', required: true, options: OUTCOME_KINDS.map((k) => ({ value: k, label: OUTCOME_LABELS[k] })) },
        { name: 'ipType', label: '知识产权类型', type: 'select', options: Object.entries(IP_LABELS).map(([value, label]) => ({ value, label })), hint: '仅知识产权申请填写' },
        { name: 'quantity', label: '数量', type: 'number', required: true, min: 1, step: 1, value: '1' },
        { name: 'date', label: '日期', type: 'date', required: true, value: today },
        { name: 'title', label: '成果名称', type: 'text', required: true },
        { name: 'evidence', label: '佐证材料说明', type: 'textarea', required: true, hint: '如申请号、证书编号、培训签到表' },
      ],
      buttons: [{ label: '登记成效', success: '已登记工作成效' }],
    });
  }
  if (a.assess) {
    out.push({
      id: 'assess',
      title: '企业评价',
      url: `${base}/evaluations`,
      note: '配合做好对科技副总的考核和评价工作（《温州市深化科技副总派驻工作实施方案》三（三）2）。',
      fields: [
        {
          name: 'kind',
          label: '评价类型',
          type: 'select',
          required: true,
          value: 'term',
          options: [
            { value: 'term', label: '任期评价' },
            { value: 'annual', label: '年度评价' },
          ],
        },
        { name: 'year', label: '服务年度', type: 'number', min: 1, max: 10, step: 1, hint: '年度评价填写第几年' },
        { name: 'grade', label: '企业评价等次', type: 'select', required: true, options: GRADE_OPTIONS },
        { name: 'comment', label: '评价意见', type: 'textarea', required: true },
      ],
      buttons: [{ label: '提交评价', success: '已提交企业评价，等待区县评定' }],
    });
  }
  const open = d.evaluations.find((e) => e.status === 'assessed' || e.status === 'returned');
  if (a.grade && open) {
    out.push({
      id: 'grade',
      title: '区县评定',
      url: `${base}/evaluations/${open.id}/grade`,
      note: `企业评价：${open.enterprise.grade}，${open.enterprise.comment}`,
      fields: [
        { name: 'grade', label: '评定等次', type: 'select', required: true, options: GRADE_OPTIONS },
        { name: 'reason', label: '评定理由', type: 'textarea', required: true },
      ],
      buttons: [{ label: '提交评定', success: '已提交评定，等待市级确认' }],
    });
  }
  const graded = d.evaluations.find((e) => e.status === 'graded');
  if (a.confirmGrade && graded) {
    out.push({
      id: 'confirm-grade',
      title: `市级确认评价（区县评定：${graded.county?.grade ?? '—'}）`,
      url: `${base}/evaluations/${graded.id}/confirm`,
      note: graded.county ? `评定理由：${graded.county.reason}（${graded.county.by}）` : undefined,
      fields: [{ name: 'note', label: '意见', type: 'text', hint: '退回时必填' }],
      buttons: [
        { label: '确认评价', name: 'action', value: 'confirm', success: '已确认评价结果' },
        { label: '退回区县', name: 'action', value: 'return', kind: 'danger', success: '已退回区县重新评定' },
      ],
    });
  }
  if (a.requestTermination) {
    out.push({
      id: 'request-termination',
      title: '申请提前终止',
      url: `${base}/termination`,
      note: '派驻期间企业和科技副总出现无法继续合作等情形的，双方可按协议终止合同并报管理部门备案（六（二））。',
      fields: [
        { name: 'effectiveOn', label: '最后服务日', type: 'date', value: today },
        { name: 'reason', label: '终止原因', type: 'textarea', required: true },
      ],
      buttons: [{ label: '申请终止', kind: 'danger', success: '已提交终止申请，等待区县备案' }],
    });
  }
  if (a.fileTermination) {
    out.push({
      id: 'file-termination',
      title: '终止备案',
      url: `${base}/termination/file`,
      note: d.termination ? `终止原因：${d.termination.reason}（最后服务日 ${d.termination.effectiveOn}）` : undefined,
      fields: [{ name: 'note', label: '备案意见', type: 'text' }],
      buttons: [{ label: '终止备案', kind: 'danger', success: '已备案提前终止' }],
    });
  }
  if (a.requestRenewal) {
    out.push({
      id: 'request-renewal',
      title: '申请续聘',
      url: `${base}/renewal`,
      note: '任期评价为优秀的，经双方同意可直接续聘，无需重新匹配。',
      fields: [],
      buttons: [{ label: '申请续聘', success: '已申请续聘，等待另一方同意' }],
    });
  }
  if (a.acceptRenewal) {
    out.push({
      id: 'accept-renewal',
      title: '同意续聘',
      url: `${base}/renewal/accept`,
      fields: [{ name: 'termStart', label: '新任期开始日', type: 'date' }],
      buttons: [{ label: '同意续聘', success: '已同意续聘，新的派驻已建立' }],
    });
  }
  return out;
}

/** A ban or another consequence of a confirmed grade, as the evaluation's message. */
function consequenceOf(grade: string | null | undefined, clause: ClauseRef | null) {
  // Whether 不合格 bars the expert depends on the profile of the next cycle (Liaocheng 第十七条 does; Wenzhou does not).
  if (grade === '不合格') return { message: '评价不合格：记入该专家的服务记录；设有不合格禁选规定的政策配置据此排除该专家', clause };
  if (grade === '优秀') return { message: '评价优秀：经双方同意可直接续聘，无需重新匹配', clause };
  return null;
}

export function toDetailView(d: PlacementDetail, o: { today: string; banClause?: ClauseRef | null; renewClause?: ClauseRef | null }): PlacementDetailView {
  const st = d.serviceTime;
  const serviceStatus = serviceStatusOf(st.status);
  const docHref = d.agreement.document ? `/v1/placements/${seg(String(d.id))}/documents/${d.agreement.document.id}` : null;
  return {
    id: String(d.id),
    state: d.state,
    stateLabel: d.stateLabel,
    expert: { name: d.expert.name, institution: '', externalId: d.expert.externalId },
    enterprise: { name: d.enterprise.name, creditCode: d.enterprise.creditCode },
    regionName: d.regionName ?? '—',
    termLabel: termLabel(d),
    policyLabel: d.profile ? `${d.profile.name}（${d.profile.id}@${d.profile.version}）` : '—',
    agreement: {
      statusLabel: `${AGREEMENT_LABELS[d.agreement.status]}${d.agreement.overdue ? '（已逾期）' : ''}`,
      fileName: d.agreement.document?.fileName ?? null,
      uploadedAt: d.agreement.submittedAt,
      filedAt: d.agreement.status === 'filed' ? d.agreement.decidedAt : null,
      filedBy: d.agreement.status === 'filed' ? d.agreement.decidedBy : null,
      returnReason: d.agreement.returnReason,
      downloadHref: docHref,
      clause: clauseRef(d.agreement.clause),
    },
    serviceTime: serviceStatus
      ? { status: serviceStatus, statusLabel: SERVICE_TIME_LABELS[st.status], message: st.message, clause: clauseRef(st.rule?.clause) }
      : st.rule || st.message
        ? { status: 'on_track', statusLabel: SERVICE_TIME_LABELS[st.status], message: st.message, clause: clauseRef(st.rule?.clause) }
        : null,
    logs: d.serviceLog.map((l) => ({
      id: String(l.id),
      date: l.date,
      amountLabel: `${l.days} 天`,
      content: `${l.activity}（${l.participants}）`,
      status: l.status,
      statusLabel: LOG_LABELS[l.status],
      note: l.disputeReason ?? (l.reviewedBy ? `${l.reviewedBy} ${l.reviewedAt?.slice(0, 10) ?? ''}` : null),
      actions:
        d.actions.reviewServiceLog && l.status === 'pending'
          ? [
              {
                id: 'review-log',
                title: `确认 ${l.date} 的服务记录`,
                url: `/v1/placements/${seg(String(d.id))}/service-log/${l.id}/review`,
                fields: [{ name: 'reason', label: '异议理由', type: 'text' }],
                buttons: [
                  { label: '确认', name: 'action', value: 'confirm', success: `已确认 ${l.date} 的服务记录` },
                  { label: '有异议', name: 'action', value: 'dispute', kind: 'danger', success: `已对 ${l.date} 的服务记录提出异议` },
                ],
              },
            ]
          : [],
    })),
    outcomes: OUTCOME_KINDS.map((k) => ({ kind: k, n: d.outcomes.filter((x) => x.kind === k).reduce((s, x) => s + x.quantity, 0) }))
      .filter((x) => x.n > 0)
      .map((x) => ({ label: OUTCOME_LABELS[x.kind], actual: x.n, target: null, unit: OUTCOME_UNITS[x.kind] })),
    evaluations: d.evaluations.map((e) => ({
      periodLabel: e.kind === 'term' ? '任期评价' : `第 ${e.year ?? '—'} 年度评价`,
      statusLabel: EVALUATION_LABELS[e.status],
      enterpriseAssessment: `${e.enterprise.grade}：${e.enterprise.comment}`,
      grade: e.county?.grade ?? null,
      reason: e.county?.reason ?? null,
      gradedBy: e.county?.by ?? null,
      confirmedBy: e.city ? `${e.city.by} ${e.city.at.slice(0, 10)}` : e.returnNote ? `已退回：${e.returnNote}` : null,
      consequence:
        e.status === 'confirmed' && e.kind === 'term' ? consequenceOf(e.county?.grade, e.county?.grade === '优秀' ? (o.renewClause ?? null) : (o.banClause ?? null)) : null,
    })),
    end: d.termination
      ? {
          label: d.termination.status === 'filed' ? '已提前终止并备案' : `${d.termination.requestedSide === 'enterprise' ? '企业' : '科技副总'}申请提前终止，待区县备案`,
          at: d.termination.filedAt ?? d.termination.requestedAt,
          reason: `${d.termination.reason}（最后服务日 ${d.termination.effectiveOn}）`,
          clause: clauseRef(d.termination.clause),
        }
      : null,
    renewal: d.renewal
      ? {
          label: d.renewal.status === 'accepted' ? '已续聘，未经重新匹配' : `${d.renewal.requestedSide === 'enterprise' ? '企业' : '科技副总'}申请续聘，待另一方同意`,
          href: d.renewal.nextPlacementId ? `/placements/${d.renewal.nextPlacementId}` : null,
          clause: clauseRef(d.renewal.clause),
        }
      : d.renewalOf
        ? { label: `续聘自上一任期（派驻 ${d.renewalOf}），未经重新匹配`, href: `/placements/${d.renewalOf}`, clause: null }
        : null,
    actions: actionsOf(d, o.today),
  };
}

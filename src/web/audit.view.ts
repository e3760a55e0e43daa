import type { AuditEntry as AuditRow } from '../auth/auth.schema';
import { AUDIT_ACTION_LABELS, DECISION_STATUS_LABELS, REGION_STATUS_LABELS } from '../review/review-labels';
import { formatTime } from './format';
import { html } from './html';
import { ROLE_LABELS } from './layout.view';

type Snapshot = { status?: string; expertName?: string | null; expertId?: string | null; reason?: string | null; note?: string | null };

function describe(entity: string, value: unknown) {
  if (!value || typeof value !== 'object') return html`<span class="muted">—</span>`;
  const v = value as Snapshot;
  const labels: Record<string, string> = entity === 'region_review' ? REGION_STATUS_LABELS : DECISION_STATUS_LABELS;
  const status = v.status ? (labels[v.status] ?? v.status) : '—';
  return html`${status}${v.expertName ? html`：${v.expertName}` : ''}${v.expertId ? html` <span class="muted">${v.expertId}</span>` : ''}`;
}

/** The read-only trail of one region's review: who, when, what, before → after. */
export function auditBody(o: { regionName: string; runId: string; items: AuditRow[]; backHref: string }) {
  return html`<h1>${o.regionName} 审核记录</h1>
<p class="muted">批次 ${o.runId}。审核记录只能追加，任何人（包括管理员）都不能修改或删除。</p>
${
  o.items.length === 0
    ? html`<p class="card">暂无审核记录。</p>`
    : html`<div class="table-wrap"><table class="audit">
  <caption>${o.regionName} 审核记录（最新在前）</caption>
  <thead><tr><th scope="col">时间</th><th scope="col">操作人</th><th scope="col">操作</th><th scope="col">对象</th>
    <th scope="col">修改前</th><th scope="col">修改后</th><th scope="col">说明</th></tr></thead>
  <tbody>${o.items.map(
    (e) => html`<tr>
    <td>${formatTime(e.at, true)}</td>
    <th scope="row">${e.actor} <span class="muted">${ROLE_LABELS[e.actorRole as keyof typeof ROLE_LABELS] ?? e.actorRole}</span></th>
    <td>${AUDIT_ACTION_LABELS[e.action] ?? e.action}</td>
    <td>${e.entity === 'region_review' ? '区县审核结果' : `需求 ${e.entityId.slice(o.runId.length + 1)}`}</td>
    <td>${describe(e.entity, e.before)}</td>
    <td>${describe(e.entity, e.after)}</td>
    <td>${e.note ?? ''}</td>
  </tr>`,
  )}</tbody>
</table></div>`
}
<p><a href="${o.backHref}">返回审核页面</a></p>`;
}

import type { Demand } from '../intake/demand.schema';
import type { Expert } from '../intake/expert.schema';
import { MATCH_FIELD_LABELS, type QueueItem } from '../intake/intake-review.service';
import { formatTime } from './format';
import { html } from './html';

const KIND_LABELS = { demands: '企业需求', experts: '专家意向' } as const;

/** The fields shown for each form, matching-relevant ones first (what the county checks before matching). */
const SHOWN: Record<QueueItem['kind'], Array<[string, string]>> = {
  demands: [
    ['title', MATCH_FIELD_LABELS['demands.title']],
    ['description', MATCH_FIELD_LABELS['demands.description']],
    ['expectedField', MATCH_FIELD_LABELS['demands.expectedField']],
    ['enterpriseCreditCode', '统一社会信用代码'],
    ['cycle', '选派周期'],
  ],
  experts: [
    ['name', '姓名'],
    ['title', MATCH_FIELD_LABELS['experts.title']],
    ['degree', MATCH_FIELD_LABELS['experts.degree']],
    ['birthDate', '出生日期'],
    ['institution', '派出单位'],
    ['projects', MATCH_FIELD_LABELS['experts.projects']],
    ['patents', MATCH_FIELD_LABELS['experts.patents']],
  ],
};

function show(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.map((x) => (typeof x === 'object' && x && 'title' in x ? String((x as { title: string }).title) : show(x))).join('；') : '—';
  if (typeof v === 'object') return 'name' in v ? String((v as { name: string }).name) : JSON.stringify(v);
  return String(v);
}

function heading(item: QueueItem) {
  if (item.kind === 'demands') return (item.record as Demand).title;
  const e = item.record as Expert;
  return `${e.name}（${e.institution.name}）`;
}

function fieldsTable(item: QueueItem) {
  const now = item.record as Record<string, unknown>;
  const before = item.approved as Record<string, unknown> | null;
  return html`<table class="inner fields">
    <caption class="sr-only">${heading(item)}的填报内容${before ? '与上次通过的版本对照' : ''}</caption>
    <thead><tr><th scope="col">项目</th><th scope="col">${before ? '本次提交' : '填报内容'}</th>${before ? html`<th scope="col">上次通过</th>` : ''}</tr></thead>
    <tbody>${SHOWN[item.kind].map(([k, label]) => {
      const changed = before !== null && show(before[k]) !== show(now[k]);
      return html`<tr${changed ? html` class="changed"` : ''}><th scope="row">${label}${changed ? html`<span class="badge decision-rejected">已修改</span>` : ''}</th>
        <td>${show(now[k])}</td>${before ? html`<td>${show(before[k])}</td>` : ''}</tr>`;
    })}</tbody>
  </table>`;
}

function card(item: QueueItem, i: number) {
  const id = `${item.kind}-${item.key}`;
  return html`<article class="card intake-item" id="item-${id}" aria-labelledby="h-${id}">
  <h2 id="h-${id}"><span class="tag">${KIND_LABELS[item.kind]}</span> ${heading(item)}</h2>
  <p class="muted">编号 ${item.key} · ${item.submittedBy} 提交于 ${formatTime(item.submittedAt)}${item.approved ? ' · 修改后重新提交' : ''}</p>
  ${
    item.flags.length
      ? html`<ul class="flags" aria-label="需要注意">${item.flags.map((f) => html`<li><strong>注意：</strong>${f}</li>`)}</ul>`
      : html`<p class="muted">未发现缺项或疑点。</p>`
  }
  ${fieldsTable(item)}
  <form class="intake-decision" data-intake-form data-kind="${item.kind}" data-key="${item.key}">
    <label for="reason-${id}">理由<span class="muted">（退回必填，提交人将看到）</span></label>
    <input id="reason-${id}" name="reason" maxlength="1000" autocomplete="off"${i === 0 ? ' autofocus' : ''}>
    <button type="submit" class="primary" name="action" value="approve" accesskey="a" aria-label="审核通过：${heading(item)}">通过</button>
    <button type="submit" class="danger" name="action" value="return" accesskey="r" aria-label="退回修改：${heading(item)}">退回</button>
  </form>
</article>`;
}

/** The county's intake queue: every submitted form, newest first, flags first, one-click approve or return. */
export function intakeQueueBody(o: { regionName: string | null; items: QueueItem[] }) {
  return html`<h1>${o.regionName ?? '全市'}入库审核</h1>
<section class="card summary" aria-labelledby="q-h">
  <h2 id="q-h">待审核表单 <strong>${o.items.length}</strong> 份</h2>
  <p class="muted">企业需求表、专家意向表经县（市、区）科技部门审核后入库（《温州市深化科技副总派驻工作实施方案》四（一））；只有审核通过的才进入匹配。
  键盘：Tab 移到理由框，Alt+A 通过，Alt+R 退回。</p>
</section>
${o.items.length ? o.items.map(card) : html`<p class="card">目前没有待审核的表单。</p>`}`;
}

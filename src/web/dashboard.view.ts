import { REGION_STATUS_LABELS } from '../review/review-labels';
import type { RegionSummary, RunInfo } from '../review/review.schema';
import { html, seg } from './html';
import type { Viewer } from './layout.view';
import { formatTime } from './format';
import { seatChart } from './seat-chart.view';

export const CREATE_RUN_COMMAND = 'npm run cycle -- --cycle wenzhou-demo';

export function noRunBody() {
  return html`<section class="card" aria-labelledby="none-title">
  <h1 id="none-title">区县审核</h1>
  <p>还没有已完成的匹配批次，暂无可审核的推荐名单。</p>
  <p>请在服务器的项目目录中运行以下命令生成一个匹配批次，完成后刷新本页：</p>
  <pre><code>${CREATE_RUN_COMMAND}</code></pre>
</section>`;
}

const regionLink = (run: RunInfo, r: RegionSummary) => `/runs/${seg(run.id)}/regions/${seg(r.code)}`;
const exportLink = (run: RunInfo, r: RegionSummary) => `/v1/runs/${seg(run.id)}/regions/${seg(r.code)}/export.xlsx`;

export function statusBadge(status: RegionSummary['status']) {
  return html`<span class="badge region-${status}">${REGION_STATUS_LABELS[status]}</span>`;
}

function regionTable(run: RunInfo, items: RegionSummary[], viewer: Viewer) {
  const sum = (k: 'demands' | 'seats' | 'assigned' | 'pending' | 'rejected') => items.reduce((n, i) => n + i[k], 0);
  const actionLabel = (r: RegionSummary) => {
    if (viewer.role === 'reviewer' && (r.status === 'open' || r.status === 'returned')) return '开始审核';
    if (viewer.role === 'admin' && r.status === 'submitted') return '确认或退回';
    return '查看';
  };
  return html`<div class="table-wrap"><table class="regions">
  <caption>批次 ${run.id} 各区县审核进度</caption>
  <thead><tr>
    <th scope="col">区县</th><th scope="col" class="num">需求数</th><th scope="col" class="num">名额</th>
    <th scope="col" class="num">已分配</th><th scope="col" class="num">待审核</th><th scope="col" class="num">已驳回</th>
    <th scope="col">状态</th><th scope="col">操作</th>
  </tr></thead>
  <tbody>${items.map(
    (r) => html`<tr>
    <th scope="row">${r.name}</th>
    <td class="num">${r.demands}</td><td class="num">${r.seats}</td><td class="num">${r.assigned}</td>
    <td class="num">${r.pending}</td><td class="num">${r.rejected}</td>
    <td>${statusBadge(r.status)}</td>
    <td class="actions"><a href="${regionLink(run, r)}" aria-label="${actionLabel(r)}：${r.name}">${actionLabel(r)}</a>
      <a href="${exportLink(run, r)}" download aria-label="导出 ${r.name} 需求汇总表（XLSX）">导出 XLSX</a></td>
  </tr>`,
  )}</tbody>
  ${
    items.length > 1
      ? html`<tfoot><tr><th scope="row">合计</th><td class="num">${sum('demands')}</td><td class="num">${sum('seats')}</td>
    <td class="num">${sum('assigned')}</td><td class="num">${sum('pending')}</td><td class="num">${sum('rejected')}</td><td></td><td></td></tr></tfoot>`
      : ''
  }
</table></div>`;
}

export function dashboardBody(o: { viewer: Viewer; runs: RunInfo[]; run: RunInfo; items: RegionSummary[] }) {
  const { viewer, run, items } = o;
  const others = o.runs.filter((r) => r.id !== run.id);
  return html`<h1>区县审核总览</h1>
<section class="card run-info" aria-labelledby="run-title">
  <h2 id="run-title">匹配批次 ${run.id}</h2>
  <dl class="facts">
    <div><dt>选派周期</dt><dd>${run.cycleId}</dd></div>
    <div><dt>政策配置</dt><dd>${run.policy}</dd></div>
    <div><dt>总名额</dt><dd>${run.seats}</dd></div>
    <div><dt>完成时间</dt><dd>${formatTime(run.finishedAt)}</dd></div>
  </dl>
  ${
    others.length
      ? html`<details><summary>其他批次（${others.length}）</summary><ul>${others.map(
          (r) => html`<li><a href="/runs/${seg(r.id)}">${r.id}</a>（${r.cycleId}，${formatTime(r.finishedAt)}）</li>`,
        )}</ul></details>`
      : ''
  }
</section>
${viewer.role === 'reviewer' && items.length === 0 ? html`<p class="card">本批次没有${viewer.regionName ?? '贵区县'}的需求。</p>` : ''}
${viewer.role === 'admin' && items.length ? html`<section class="card" aria-labelledby="chart-h"><h2 id="chart-h">名额与需求</h2>${seatChart(items)}</section>` : ''}
${items.length ? html`<section class="card" aria-labelledby="regions-h"><h2 id="regions-h">${viewer.role === 'reviewer' ? '本区县' : '各区县'}</h2>${regionTable(run, items, viewer)}</section>` : ''}`;
}

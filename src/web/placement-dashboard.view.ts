import { html, seg } from './html';
import { stackedBarChart, targetChart, type ChartSeries } from './placement-charts.view';
import type { DashboardView } from './placement-view.types';

// The county and city dashboards of the placements: how many in each state, whose service time is behind
// (with the clause of the profile's minimum), outcomes against the targets, the term evaluations and the
// year's top ten (Wenzhou 五（一）). Charts are inline SVG; the tables under them carry the same numbers.

export const SERVICE_SERIES: readonly ChartSeries[] = [
  { key: 'on_track', label: '正常', cls: 'bar-on-track' },
  { key: 'behind', label: '滞后', cls: 'bar-behind' },
  { key: 'missed', label: '未达标', cls: 'bar-missed' },
];

const GRADE_SERIES: readonly ChartSeries[] = [
  { key: '优秀', label: '优秀', cls: 'bar-excellent' },
  { key: '良好', label: '良好', cls: 'bar-good' },
  { key: '合格', label: '合格', cls: 'bar-pass' },
  { key: '不合格', label: '不合格', cls: 'bar-fail' },
];

const clauseCite = (c: { document: string; article: string } | null) => (c ? html`<cite>《${c.document}》${c.article}</cite>` : '');

function stateSection(d: DashboardView) {
  const rows = d.byState.filter((s) => s.count > 0);
  return html`<section class="card" aria-labelledby="by-state-h">
  <h2 id="by-state-h">各状态派驻数</h2>
  ${stackedBarChart({
    id: 'chart-states',
    title: `${d.scopeName}科技副总派驻状态`,
    caption: '各状态的派驻数；点击下表中的状态查看该状态的派驻。',
    unit: '个',
    series: [{ key: 'count', label: '派驻数', cls: 'bar-seats' }],
    rows: rows.map((s) => ({ label: s.label, values: { count: s.count } })),
  })}
  <div class="table-wrap"><table class="compact">
    <caption class="sr-only">各状态派驻数</caption>
    <thead><tr><th scope="col">状态</th><th scope="col" class="num">派驻数</th></tr></thead>
    <tbody>${d.byState.map((s) => html`<tr><th scope="row"><a href="/placements?state=${seg(s.state)}">${s.label}</a></th><td class="num">${s.count}</td></tr>`)}</tbody>
    <tfoot><tr><th scope="row">合计</th><td class="num">${d.byState.reduce((n, s) => n + s.count, 0)}</td></tr></tfoot>
  </table></div>
</section>`;
}

function serviceSection(d: DashboardView) {
  const s = d.service;
  const byRegion = d.regionCode === null;
  return html`<section class="card" aria-labelledby="service-h">
  <h2 id="service-h">服务时长</h2>
  <p>正常 <strong>${s.onTrack}</strong> 个，滞后 <strong class="text-behind">${s.behind}</strong> 个，未达标 <strong class="text-missed">${s.missed}</strong> 个。</p>
  ${stackedBarChart({
    id: 'chart-service',
    title: byRegion ? '各区县服务时长进度' : `${d.scopeName}服务时长进度`,
    caption: '按政策配置的最低服务时长，对照已确认的服务记录与任期已过的时间：滞后为低于按时间进度应达到的时长，未达标为年度或任期结束时仍不足。',
    unit: '个',
    series: SERVICE_SERIES,
    rows: byRegion
      ? d.regions.map((r) => ({ label: r.name, values: { on_track: r.onTrack, behind: r.behind, missed: r.missed } }))
      : [{ label: d.scopeName, values: { on_track: s.onTrack, behind: s.behind, missed: s.missed } }],
  })}
  ${
    s.lagging.length
      ? html`<div class="table-wrap"><table class="lagging cards">
    <caption>服务时长滞后或未达标的派驻（${s.lagging.length}）</caption>
    <thead><tr><th scope="col">科技副总</th><th scope="col">企业</th><th scope="col">区县</th><th scope="col">状态</th><th scope="col">已确认 / 应达到</th><th scope="col">依据</th></tr></thead>
    <tbody>${s.lagging.map(
      (l) => html`<tr data-placement="${l.placementId}">
      <th scope="row" data-label="科技副总"><a href="/placements/${seg(l.placementId)}">${l.expertName}</a></th>
      <td data-label="企业">${l.enterpriseName}</td>
      <td data-label="区县">${l.regionName}</td>
      <td data-label="状态"><span class="badge service-${l.status}">${l.statusLabel}</span></td>
      <td data-label="已确认 / 应达到">${l.message}</td>
      <td data-label="依据">${clauseCite(l.clause)}${l.clause ? html`<br><q>${l.clause.text}</q>` : ''}</td>
    </tr>`,
    )}</tbody>
  </table></div>`
      : html`<p class="muted">所有服务中的派驻服务时长均正常。</p>`
  }
</section>`;
}

function outcomeSection(d: DashboardView) {
  return html`<section class="card" aria-labelledby="outcomes-h">
  <h2 id="outcomes-h">工作成效与目标</h2>
  ${targetChart({
    id: 'chart-outcomes',
    title: `${d.scopeName}工作成效完成情况`,
    caption: `按派驻约定的年度目标汇总${d.targetsNote ? `；${d.targetsNote}` : ''}。浅色条为目标，深色条为已完成，右侧为完成比例。`,
    rows: d.outcomes.map((o) => ({ label: o.label, actual: o.actual, target: o.target, unit: o.unit })),
  })}
  <div class="table-wrap"><table class="compact">
    <caption class="sr-only">工作成效与目标</caption>
    <thead><tr><th scope="col">指标</th><th scope="col" class="num">已完成</th><th scope="col" class="num">目标</th><th scope="col" class="num">完成比例</th></tr></thead>
    <tbody>${d.outcomes.map(
      (o) => html`<tr><th scope="row">${o.label}</th><td class="num">${o.actual} ${o.unit}</td><td class="num">${o.target === null ? '—' : `${o.target} ${o.unit}`}</td>
      <td class="num">${o.target ? `${Math.round((o.actual / o.target) * 100)}%` : '—'}</td></tr>`,
    )}</tbody>
  </table></div>
</section>`;
}

function evaluationSection(d: DashboardView) {
  const e = d.evaluations;
  const byRegion = d.regionCode === null;
  return html`<section class="card" aria-labelledby="eval-h">
  <h2 id="eval-h">任期评价</h2>
  <p>${GRADE_SERIES.map((g) => html`${g.label} <strong>${e.grades[g.key] ?? 0}</strong>，`)}待评定或待确认 <strong>${e.pending}</strong>。</p>
  ${stackedBarChart({
    id: 'chart-grades',
    title: byRegion ? '各区县评价结果' : `${d.scopeName}评价结果`,
    caption: '已确认的任期评价结果（优秀、合格、不合格）。评价结果分为优秀、合格和不合格（《温州市深化科技副总派驻工作实施方案》六（二））。',
    unit: '人',
    series: GRADE_SERIES,
    rows: byRegion ? d.regions.map((r) => ({ label: r.name, values: r.grades })) : [{ label: d.scopeName, values: e.grades }],
  })}
</section>`;
}

function topTenSection(d: DashboardView) {
  return html`<section class="card" aria-labelledby="top-h">
  <h2 id="top-h">${d.year} 年工作成效前十</h2>
  <p class="muted">每年工作成效排前十的科技副总，优先推荐国家和省级重点人才计划遴选（《温州市深化科技副总派驻工作实施方案》五（一））。</p>
  ${
    d.topTen.length
      ? html`<div class="table-wrap"><table class="compact top-ten cards">
    <caption class="sr-only">${d.year} 年工作成效前十</caption>
    <thead><tr><th scope="col" class="num">名次</th><th scope="col">科技副总</th><th scope="col">企业</th><th scope="col">区县</th><th scope="col">评价</th><th scope="col" class="num">成效（项）</th><th scope="col" class="num">服务天数</th></tr></thead>
    <tbody>${d.topTen.map(
      (t) => html`<tr><td class="num" data-label="名次">${t.rank}</td>
      <th scope="row" data-label="科技副总"><a href="/placements/${seg(t.placementId)}">${t.expertName}</a>${t.consecutive ? html` <span class="badge grade-优秀">连续两年前十</span>` : ''}</th>
      <td data-label="企业">${t.enterpriseName}</td><td data-label="区县">${t.regionName}</td><td data-label="评价">${t.grade}</td>
      <td class="num" data-label="成效（项）">${t.outcomes}</td><td class="num" data-label="服务天数">${t.serviceDays}</td></tr>`,
    )}</tbody>
  </table></div>`
      : html`<p>本年度还没有可排名的工作成效记录。</p>`
  }
</section>`;
}

/** The whole dashboard: a county's (one region) or the city's (every region, with per-county bars). */
export function placementDashboardBody(d: DashboardView) {
  return html`<h1>${d.scopeName}科技副总派驻看板</h1>
<p class="links"><a href="/placements${d.regionCode ? `?region=${seg(d.regionCode)}` : ''}">派驻列表</a>
  <a href="${d.exportHref}" download>导出看板（XLSX）</a></p>
${stateSection(d)}
${serviceSection(d)}
${outcomeSection(d)}
${evaluationSection(d)}
${topTenSection(d)}`;
}

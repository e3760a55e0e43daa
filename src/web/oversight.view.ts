import { formatTime } from './format';
import { html, seg } from './html';
import { pairBadge, STAGE_LABELS, stageBadge } from './selection-labels';
import type { DemandStage, Oversight } from './selection-pages.types';

const STAGES: DemandStage[] = ['none', 'talking', 'agreed', 'declined'];

function stageCounts(o: Oversight) {
  return html`<dl class="facts">${STAGES.map((s) => html`<div><dt>${STAGE_LABELS[s]}</dt><dd>${o.demands.filter((d) => d.stage === s).length}</dd></div>`)}</dl>`;
}

function staleBlock(o: Oversight) {
  const stale = o.demands.filter((d) => d.idleDays !== null && d.idleDays >= o.staleAfterDays);
  return html`<section class="card" aria-labelledby="stale-h">
  <h2 id="stale-h">超过 ${o.staleAfterDays} 天无人洽谈的需求（${stale.length}）</h2>
  ${
    stale.length
      ? html`<ul class="plain">${stale.map((d) => html`<li><strong>${d.enterpriseName}</strong>：${d.title} <span class="badge decision-rejected">${d.idleDays} 天</span></li>`)}</ul>`
      : html`<p class="muted">没有长期无人洽谈的需求。</p>`
  }
</section>`;
}

/** The county's view of two-way selection: every talk (read-only), every demand's stage, idle demands. */
export function oversightBody(o: Oversight) {
  return html`<h1>${o.regionName}双向选择与洽谈</h1>
<section class="card summary" aria-labelledby="ov-h"><h2 id="ov-h">需求阶段</h2>${stageCounts(o)}
<p class="muted">县（市、区）科技部门组织线下对接洽谈和面试（《温州市深化科技副总派驻工作实施方案》四（二））。本页只读。</p>
<p class="links"><a href="/selection/invitations">邀请企业或专家</a></p></section>
${staleBlock(o)}
<div class="table-wrap"><table class="cards-on-phone">
  <caption>全部洽谈（${o.talks.length}）</caption>
  <thead><tr><th scope="col">需求</th><th scope="col">企业</th><th scope="col">专家</th><th scope="col">状态</th><th scope="col" class="num">消息</th><th scope="col">最近</th></tr></thead>
  <tbody>${
    o.talks.length
      ? o.talks.map(
          (t) => html`<tr data-talk="${t.talkId}"><th scope="row" data-label="需求"><a href="/selection/talks/${seg(t.talkId)}">${t.demandTitle}</a></th>
    <td data-label="企业">${t.enterpriseName}</td><td data-label="专家">${t.expertName}</td><td data-label="状态">${pairBadge(t.status)}</td>
    <td class="num" data-label="消息">${t.messages}</td><td data-label="最近">${formatTime(t.lastAt)}</td></tr>`,
        )
      : html`<tr><td colspan="6">本区县还没有洽谈。</td></tr>`
  }</tbody>
</table></div>
<div class="table-wrap"><table class="cards-on-phone">
  <caption>每条需求的阶段（${o.demands.length}）</caption>
  <thead><tr><th scope="col">企业</th><th scope="col">需求</th><th scope="col">阶段</th><th scope="col" class="num">洽谈</th><th scope="col" class="num">无人洽谈天数</th></tr></thead>
  <tbody>${o.demands.map(
    (d) => html`<tr data-demand="${d.demandId}"><th scope="row" data-label="企业">${d.enterpriseName}</th><td data-label="需求">${d.title}</td>
    <td data-label="阶段">${stageBadge(d.stage)}</td><td class="num" data-label="洽谈">${d.talks}</td><td class="num" data-label="无人洽谈天数">${d.idleDays ?? '—'}</td></tr>`,
  )}</tbody>
</table></div>`;
}

import { DEMAND_STAGES } from '../selection/selection.schema';
import { formatTime } from './format';
import { html } from './html';
import { STAGE_LABELS, stageBadge, stateBadge } from './selection-labels';
import type { Oversight } from './selection-pages.types';

function stageCounts(o: Oversight) {
  return html`<dl class="facts">${DEMAND_STAGES.map((s) => html`<div><dt>${STAGE_LABELS[s]}</dt><dd>${o.demands.filter((d) => d.stage === s).length}</dd></div>`)}</dl>`;
}

function staleBlock(o: Oversight) {
  const list = o.stale.demands;
  return html`<section class="card" aria-labelledby="stale-h">
  <h2 id="stale-h">审核通过 ${o.stale.staleDays} 天以上仍无人洽谈的需求（${list.length}）</h2>
  ${
    list.length
      ? html`<ul class="plain stale">${list.map((d) => html`<li><strong>${d.enterpriseName}</strong>：${d.demandTitle} <span class="badge decision-rejected">已等待 ${d.daysWaiting} 天</span></li>`)}</ul>`
      : html`<p class="muted">没有长期无人洽谈的需求。</p>`
  }
</section>`;
}

/** The county's view of two-way selection: every talk (read-only), every demand's stage, idle demands. */
export function oversightBody(o: Oversight, canInvite: boolean) {
  return html`<h1>${o.regionName}双向选择与洽谈</h1>
<section class="card summary" aria-labelledby="ov-h"><h2 id="ov-h">需求阶段</h2>${stageCounts(o)}
<p class="muted">县（市、区）科技部门组织线下对接洽谈和面试（《温州市深化科技副总派驻工作实施方案》四（二））。洽谈内容只读。</p>
${canInvite ? html`<p class="links"><a href="/selection/invitations">邀请企业或专家</a></p>` : ''}</section>
${staleBlock(o)}
<div class="table-wrap"><table class="cards-on-phone talks">
  <caption>全部洽谈（${o.talks.length}）</caption>
  <thead><tr><th scope="col">需求</th><th scope="col">企业</th><th scope="col">专家</th><th scope="col">状态</th><th scope="col" class="num">消息</th><th scope="col">最近消息</th></tr></thead>
  <tbody>${
    o.talks.length
      ? o.talks.map(
          (t) => html`<tr data-talk="${t.id}"><th scope="row" data-label="需求"><a href="/selection/talks/${t.id}">${t.demandTitle}</a></th>
    <td data-label="企业">${t.enterpriseName}</td><td data-label="专家">${t.expertName}</td><td data-label="状态">${stateBadge(t.state)}</td>
    <td class="num" data-label="消息">${t.messages}</td><td data-label="最近消息">${formatTime(t.lastMessageAt)}</td></tr>`,
        )
      : html`<tr><td colspan="6">还没有洽谈。</td></tr>`
  }</tbody>
</table></div>
<div class="table-wrap"><table class="cards-on-phone stages">
  <caption>每条需求的阶段（${o.demands.length}）</caption>
  <thead><tr><th scope="col">企业</th><th scope="col">需求</th><th scope="col">阶段</th><th scope="col" class="num">意向</th><th scope="col" class="num">洽谈</th><th scope="col">最近动态</th></tr></thead>
  <tbody>${
    o.demands.length
      ? o.demands.map(
          (d) => html`<tr data-demand="${d.demandId}"><th scope="row" data-label="企业">${d.enterpriseName}</th><td data-label="需求">${d.demandTitle}</td>
    <td data-label="阶段">${stageBadge(d.stage)}</td><td class="num" data-label="意向">${d.interests}</td><td class="num" data-label="洽谈">${d.talks}</td>
    <td data-label="最近动态">${formatTime(d.lastActivityAt)}</td></tr>`,
        )
      : html`<tr><td colspan="6">还没有审核通过的需求。</td></tr>`
  }</tbody>
</table></div>`;
}

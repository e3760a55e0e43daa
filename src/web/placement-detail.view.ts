import { formatTime } from './format';
import { html, seg } from './html';
import { actionForm, actionSections } from './placement-form.view';
import type { ClauseRef, PlacementDetailView, PlacementListView } from './placement-view.types';

// The placement pages: a list filtered by state, and one placement's whole life (agreement, service log,
// service time against the profile's minimum, outcomes, evaluations, the end) with the viewer's actions.

export const cite = (c: ClauseRef | null) => (c ? html`<cite>《${c.document}》${c.article}</cite>` : '');
const clauseQuote = (c: ClauseRef | null) => (c ? html`${cite(c)}<q>${c.text}</q>` : '');

export function placementListBody(v: PlacementListView) {
  return html`<h1>${v.title}</h1>
${v.dashboardHref ? html`<p class="links"><a href="${v.dashboardHref}">派驻看板</a></p>` : ''}
<nav class="card filters" aria-label="按状态筛选">
  <a href="/placements"${v.currentState === null ? html` aria-current="true"` : ''}>全部（${v.states.reduce((n, s) => n + s.count, 0)}）</a>
  ${v.states.map((s) => html`<a href="/placements?state=${seg(s.state)}"${v.currentState === s.state ? html` aria-current="true"` : ''}>${s.label}（${s.count}）</a>`)}
</nav>
${
  v.rows.length
    ? html`<div class="table-wrap"><table class="placement-list cards">
  <caption>派驻（${v.rows.length}）</caption>
  <thead><tr><th scope="col">科技副总</th><th scope="col">派驻企业</th><th scope="col">区县</th><th scope="col">状态</th><th scope="col">任期</th><th scope="col">服务时长</th><th scope="col">评价</th></tr></thead>
  <tbody>${v.rows.map(
    (r) => html`<tr data-placement="${r.id}">
    <th scope="row" data-label="科技副总"><a href="/placements/${seg(r.id)}">${r.expertName}</a></th>
    <td data-label="派驻企业">${r.enterpriseName}</td>
    <td data-label="区县">${r.regionName}</td>
    <td data-label="状态"><span class="badge state-${r.state}">${r.stateLabel}</span></td>
    <td data-label="任期">${r.termLabel}</td>
    <td data-label="服务时长">${r.serviceStatus ? html`<span class="badge service-${r.serviceStatus}">${r.serviceLabel}</span>` : html`<span class="muted">${r.serviceLabel}</span>`}</td>
    <td data-label="评价">${r.grade ? html`<span class="badge grade-${r.grade}">${r.grade}</span>` : '—'}</td>
  </tr>`,
  )}</tbody>
</table></div>`
    : html`<p class="card">没有符合条件的派驻。</p>`
}`;
}

function agreementSection(v: PlacementDetailView) {
  const a = v.agreement;
  return html`<section class="card" aria-labelledby="agreement-h">
  <h2 id="agreement-h">三方协议</h2>
  <dl class="placement-facts">
    <div><dt>状态</dt><dd>${a.statusLabel}</dd></div>
    <div><dt>协议文件</dt><dd>${a.fileName ? (a.downloadHref ? html`<a href="${a.downloadHref}">${a.fileName}</a>` : a.fileName) : '尚未上传'}</dd></div>
    <div><dt>上传时间</dt><dd>${formatTime(a.uploadedAt)}</dd></div>
    <div><dt>备案</dt><dd>${a.filedAt ? html`${formatTime(a.filedAt)}${a.filedBy ? html`（${a.filedBy}）` : ''}` : '未备案'}</dd></div>
  </dl>
  ${a.returnReason ? html`<p class="clause-note missed"><strong>退回原因：</strong>${a.returnReason}</p>` : ''}
  ${a.clause ? html`<p class="muted">依据：${cite(a.clause)}：${a.clause.text}</p>` : ''}
</section>`;
}

function serviceSection(v: PlacementDetailView) {
  const s = v.serviceTime;
  return html`<section class="card" aria-labelledby="service-h">
  <h2 id="service-h">服务记录</h2>
  ${
    s
      ? html`<div class="clause-note ${s.status}" id="service-status"><p><span class="badge service-${s.status}">${s.statusLabel}</span> ${s.message}</p>${
          s.clause ? html`<p>依据：${clauseQuote(s.clause)}</p>` : ''
        }</div>`
      : ''
  }
  ${
    v.logs.length
      ? html`<div class="table-wrap"><table class="service-log cards">
    <caption>服务记录（${v.logs.length}）</caption>
    <thead><tr><th scope="col">日期</th><th scope="col">时长</th><th scope="col">服务内容</th><th scope="col">企业确认</th><th scope="col">操作</th></tr></thead>
    <tbody>${v.logs.map(
      (l) => html`<tr id="log-${l.id}" data-log="${l.id}">
      <th scope="row" data-label="日期">${l.date}</th>
      <td data-label="时长">${l.amountLabel}</td>
      <td data-label="服务内容">${l.content}</td>
      <td data-label="企业确认"><span class="badge log-${l.status}">${l.statusLabel}</span>${l.note ? html`<br><span class="muted">${l.note}</span>` : ''}</td>
      <td data-label="操作">${l.actions.length ? l.actions.map((a) => actionForm(a, l.id)) : html`<span class="muted">—</span>`}</td>
    </tr>`,
    )}</tbody>
  </table></div>`
      : html`<p class="muted">还没有服务记录。</p>`
  }
</section>`;
}

function outcomeSection(v: PlacementDetailView) {
  if (!v.outcomes.length) return '';
  return html`<section class="card" aria-labelledby="outcomes-h">
  <h2 id="outcomes-h">工作成效</h2>
  <div class="table-wrap"><table class="compact">
    <caption class="sr-only">工作成效与目标</caption>
    <thead><tr><th scope="col">指标</th><th scope="col" class="num">已完成</th><th scope="col" class="num">目标</th></tr></thead>
    <tbody>${v.outcomes.map(
      (o) => html`<tr><th scope="row">${o.label}</th><td class="num">${o.actual} ${o.unit}</td><td class="num">${o.target === null ? '—' : `${o.target} ${o.unit}`}</td></tr>`,
    )}</tbody>
  </table></div>
</section>`;
}

function evaluationSection(v: PlacementDetailView) {
  return html`<section class="card" aria-labelledby="eval-h">
  <h2 id="eval-h">评价</h2>
  ${
    v.evaluations.length
      ? v.evaluations.map(
          (e) => html`<article class="evaluation" aria-label="${e.periodLabel}评价">
    <h3>${e.periodLabel} <span class="muted">${e.statusLabel}</span></h3>
    <dl class="placement-facts">
      <div><dt>企业评价</dt><dd>${e.enterpriseAssessment ?? '—'}</dd></div>
      <div><dt>区县评定</dt><dd>${e.grade ? html`<span class="badge grade-${e.grade}">${e.grade}</span>` : '—'}${e.gradedBy ? html` <span class="muted">${e.gradedBy}</span>` : ''}</dd></div>
      <div><dt>评定理由</dt><dd>${e.reason ?? '—'}</dd></div>
      <div><dt>市级确认</dt><dd>${e.confirmedBy ?? '未确认'}</dd></div>
    </dl>
    ${e.consequence ? html`<p class="clause-note ban"><strong>${e.consequence.message}</strong>${e.consequence.clause ? html`<br>依据：${clauseQuote(e.consequence.clause)}` : ''}</p>` : ''}
  </article>`,
        )
      : html`<p class="muted">尚未评价。</p>`
  }
</section>`;
}

function endSection(v: PlacementDetailView) {
  if (!v.end && !v.renewal) return '';
  return html`<section class="card" aria-labelledby="end-h">
  <h2 id="end-h">终止与续聘</h2>
  ${v.end ? html`<p class="clause-note missed"><strong>${v.end.label}</strong>${v.end.at ? html`（${formatTime(v.end.at)}）` : ''}${v.end.reason ? html`：${v.end.reason}` : ''}${v.end.clause ? html`<br>依据：${clauseQuote(v.end.clause)}` : ''}</p>` : ''}
  ${v.renewal ? html`<p class="clause-note"><strong>${v.renewal.label}</strong>${v.renewal.href ? html` <a href="${v.renewal.href}">查看续聘派驻</a>` : ''}${v.renewal.clause ? html`<br>依据：${clauseQuote(v.renewal.clause)}` : ''}</p>` : ''}
</section>`;
}

export function placementDetailBody(v: PlacementDetailView) {
  return html`<h1>${v.expert.name} · ${v.enterprise.name}</h1>
<section class="card" aria-labelledby="facts-h">
  <h2 id="facts-h">派驻概况 <span class="badge state-${v.state}" id="placement-state">${v.stateLabel}</span></h2>
  <dl class="placement-facts">
    <div><dt>科技副总</dt><dd>${v.expert.name}<br><span class="muted">${v.expert.institution}</span></dd></div>
    <div><dt>派驻企业</dt><dd>${v.enterprise.name}<br><span class="muted">${v.enterprise.creditCode}</span></dd></div>
    <div><dt>区县</dt><dd>${v.regionName}</dd></div>
    <div><dt>任期</dt><dd>${v.termLabel}</dd></div>
    <div><dt>政策配置</dt><dd>${v.policyLabel}</dd></div>
  </dl>
</section>
${actionSections(v.actions)}
${agreementSection(v)}
${serviceSection(v)}
${outcomeSection(v)}
${evaluationSection(v)}
${endSection(v)}`;
}

import { DEMAND_PART_ZH } from '../ranking/demand-core';
import type { ExcludedCandidate, PolicyFlag, RankedCandidate } from '../ranking/ranking.schema';
import { BREAKDOWN_LABELS, decisionLabel, EVIDENCE_KIND_LABELS } from '../review/review-labels';
import type { DemandReview, RegionReview } from '../review/review.schema';
import { statusBadge } from './dashboard.view';
import { formatScore, formatTime } from './format';
import { html, seg } from './html';
import type { Viewer } from './layout.view';
import { enterpriseCheckBlock, namedChecksBlock, pendingBlock } from './verification.view';

const clause = (f: { clause: { document: string; article: string } }) => html`<cite>《${f.clause.document}》${f.clause.article}</cite>`;

function breakdown(c: RankedCandidate) {
  const keys = Object.keys(BREAKDOWN_LABELS) as Array<keyof typeof BREAKDOWN_LABELS>;
  return html`<dl class="breakdown" aria-label="评分构成">${keys.map((k) => html`<div><dt>${BREAKDOWN_LABELS[k]}</dt><dd>${formatScore(c.breakdown[k])}</dd></div>`)}</dl>`;
}

/** Which part of the demand's technical core the evidence matched, and on which terms. */
function matchedPart(e: RankedCandidate['evidence'][number]) {
  if (!e.matched) return '';
  return html`<br><span class="matched">对应需求·${DEMAND_PART_ZH[e.matched.part]}：「${e.matched.excerpt}」${e.matched.terms.length ? html` <span class="muted">共同词：${e.matched.terms.join('、')}</span>` : ''}</span>`;
}

/** The evidence list of a candidate (exported for its view test). */
export function evidence(c: Pick<RankedCandidate, 'evidence'>) {
  if (!c.evidence.length) return html`<p class="muted">无匹配依据</p>`;
  return html`<ul class="evidence" aria-label="匹配依据">${c.evidence.map(
    (e) => html`<li>
    <span class="tag">${EVIDENCE_KIND_LABELS[e.kind]}</span> ${e.label}${e.year ? html`（${e.year}）` : ''}
    <span class="muted">相似度 ${formatScore(e.similarity)}</span>${matchedPart(e)}</li>`,
  )}</ul>`;
}

function flagList(flags: PolicyFlag[], kind: 'flags' | 'priorities') {
  if (!flags.length) return '';
  return html`<ul class="${kind}" aria-label="${kind === 'flags' ? '需人工确认的放宽条件' : '政策优先事项'}">${flags.map(
    (f) => html`<li>${kind === 'flags' ? html`<strong>需确认：</strong>` : html`<strong>优先：</strong>`}${f.message} ${clause(f)}</li>`,
  )}</ul>`;
}

function expertHead(c: RankedCandidate) {
  return html`<p class="expert"><strong>${c.name}</strong> <span class="muted">${c.expertId}</span><br>${c.institution}</p>
  <p class="score">综合得分 <strong>${formatScore(c.score)}</strong>${c.namedAgreed ? html` <span class="badge named">企业指定且已协商一致</span>` : ''}</p>`;
}

function alternatesBlock(d: DemandReview, canDecide: boolean) {
  if (!d.alternates.length) return html`<p class="muted">无备选专家</p>`;
  return html`<details class="alternates"><summary>备选专家（${d.alternates.length}）</summary>
  <table class="inner">
    <caption class="sr-only">${d.enterprise.name}的备选专家</caption>
    <thead><tr><th scope="col">专家</th><th scope="col" class="num">得分</th><th scope="col">评分构成与依据</th>${canDecide ? html`<th scope="col">操作</th>` : ''}</tr></thead>
    <tbody>${d.alternates.map(
      (a) => html`<tr>
      <th scope="row"><strong>${a.name}</strong><br><span class="muted">${a.institution}</span>${a.namedAgreed ? html`<br><span class="badge named">指定且已协商一致</span>` : ''}</th>
      <td class="num">${formatScore(a.score)}</td>
      <td>${breakdown(a)}${evidence(a)}${flagList(a.flags, 'flags')}</td>
      ${
        canDecide
          ? html`<td><button type="button" class="secondary" data-action="swap" data-demand="${d.demandId}" data-expert="${a.expertId}"
        ${d.decision.status === 'swapped' && d.decision.expertId === a.expertId ? 'disabled' : ''}
        aria-label="将${d.enterprise.name}的推荐专家替换为${a.name}">替换为此专家</button></td>`
          : ''
      }
    </tr>`,
    )}</tbody>
  </table></details>`;
}

function excludedBlock(list: ExcludedCandidate[]) {
  if (!list.length) return '';
  return html`<details class="excluded"><summary>不符合条件而排除的专家（${list.length}）</summary><ul>${list.map(
    (x) => html`<li>
    <strong>${x.name}</strong> <span class="muted">${x.expertId} · 得分 ${formatScore(x.score)}</span>
    <ul>${x.reasons.map((r) => html`<li>${r.message} ${clause(r)}</li>`)}</ul></li>`,
  )}</ul></details>`;
}

function decisionCell(d: DemandReview, canDecide: boolean) {
  const s = d.decision.status;
  const reasonId = `reason-${d.demandId}`;
  // Rejecting means something only where there is an expert to let go (the proposal or a swapped-in alternate).
  const canReject = Boolean(d.proposed) || s === 'swapped';
  return html`<p><span class="badge decision-${s === 'pending' && !d.proposed ? 'none' : s}">${decisionLabel(d)}</span></p>
  ${s === 'swapped' && d.assigned ? html`<p>替换为：<strong>${d.assigned.name}</strong><br><span class="muted">${d.assigned.institution}</span></p>` : ''}
  ${d.decision.reason ? html`<p>理由：${d.decision.reason}</p>` : ''}
  ${d.decision.decidedBy ? html`<p class="muted">${d.decision.decidedBy}，${formatTime(d.decision.decidedAt)}</p>` : ''}
  ${
    canDecide
      ? html`<div class="decide">
    ${
      d.proposed
        ? html`<button type="button" class="primary" data-action="approve" data-demand="${d.demandId}" ${s === 'approved' ? 'disabled' : ''}
      aria-label="${s === 'swapped' ? '改回原推荐并通过' : '通过'}：${d.enterprise.name}—${d.proposed.name}">${s === 'swapped' ? '改回原推荐并通过' : '通过'}</button>`
        : ''
    }
    <label for="${reasonId}">理由<span class="muted">${canReject ? (d.proposed?.flags.length ? '（驳回或通过放宽条件的推荐时必填）' : '（驳回必填）') : '（替换时可填）'}</span></label>
    <input id="${reasonId}" name="reason" maxlength="500" autocomplete="off">
    ${canReject ? html`<button type="button" class="danger" data-action="reject" data-demand="${d.demandId}" aria-label="驳回：${d.enterprise.name}">驳回</button>` : ''}
  </div>`
      : ''
  }`;
}

function demandRow(d: DemandReview, i: number, canDecide: boolean) {
  const p = d.proposed;
  return html`<tr id="demand-${d.demandId}" data-demand-row="${d.demandId}">
  <td class="num" data-label="序号">${i + 1}</td>
  <th scope="row" class="demand" data-label="企业与需求">
    <strong>${d.enterprise.name}</strong>
    <span class="muted">${[d.enterprise.industry, d.enterprise.employees !== null ? `${d.enterprise.employees} 人` : null].filter(Boolean).join(' · ')}</span>
    <p class="title">${d.title}</p>
    ${d.expectedField ? html`<p class="muted">期望领域：${d.expectedField}</p>` : ''}
    ${d.problem ? html`<details><summary>技术难题</summary><p>${d.problem}</p></details>` : ''}
    ${
      d.namedCandidates.length
        ? html`<p class="muted">企业指定：${d.namedCandidates.map(
            (c, k) => html`${k ? '、' : ''}${c.name ?? c.expertId}${c.agreed ? '（已协商一致）' : '（未协商）'}${c.expertId ? '' : '（库外，无专家编号）'}`,
          )}</p>`
        : ''
    }
    <p class="muted">编号 ${d.demandId}</p>
    ${enterpriseCheckBlock(d, d.checks.enterprise, canDecide)}
  </th>
  <td class="proposal" data-label="推荐专家">
    ${
      p
        ? html`${expertHead(p)}${flagList(p.flags, 'flags')}${flagList(p.priorities, 'priorities')}`
        : html`<p><strong>无推荐</strong>${d.unfilledReason ? html`：${d.unfilledReason}` : ''}</p>`
    }
    ${alternatesBlock(d, canDecide)}
    ${pendingBlock(d, canDecide)}
    ${namedChecksBlock(d, d.checks.named, canDecide)}
  </td>
  <td class="basis" data-label="评分构成与依据">
    ${p ? html`${breakdown(p)}${evidence(p)}` : html`<p class="muted">—</p>`}
    ${excludedBlock(d.excluded)}
  </td>
  <td class="decision" data-label="审核">${decisionCell(d, canDecide)}</td>
</tr>`;
}

function regionActions(r: RegionReview, viewer: Viewer) {
  const s = r.region.status;
  if (viewer.role === 'reviewer' && r.decisionsOpen) {
    return html`<div class="region-actions">
      <p>${r.region.pending ? html`还有 <strong>${r.region.pending}</strong> 条推荐待审核，全部审核后才能提交。` : '所有推荐均已审核，可以提交市级确认。'}</p>
      <button type="button" class="primary" data-region-action="submit">提交本区县审核结果</button>
    </div>`;
  }
  if (viewer.role === 'admin' && s === 'submitted') {
    return html`<div class="region-actions">
      <button type="button" class="primary" data-region-action="confirm">确认审核结果</button>
      <label for="return-note">退回意见<span class="muted">（退回必填）</span></label>
      <input id="return-note" name="note" maxlength="1000" autocomplete="off">
      <button type="button" class="danger" data-region-action="return">退回区县修改</button>
    </div>`;
  }
  return '';
}

/**
 * The order a reviewer works in: proposals still waiting for a decision first, then the decided ones, then
 * demands that have only alternates to choose from, and the unfilled ones (nothing to decide) last. Stable
 * within a group, so the run's own order (by score) stays.
 */
export function orderForReview(items: readonly DemandReview[]): DemandReview[] {
  const group = (d: DemandReview) => {
    if (d.proposed && d.decision.status === 'pending') return 0;
    if (d.decision.status !== 'pending') return 1;
    return d.alternates.length ? 2 : 3;
  };
  return items
    .map((d, i) => ({ d, i, g: group(d) }))
    .sort((a, b) => a.g - b.g || a.i - b.i)
    .map((x) => x.d);
}

export function reviewBody(r: RegionReview, viewer: Viewer) {
  const canDecide = viewer.role === 'reviewer' && r.decisionsOpen;
  const g = r.region;
  const base = `/runs/${seg(r.run.id)}/regions/${seg(g.code)}`;
  return html`<h1>${g.name} 推荐名单审核</h1>
<section class="card summary" aria-labelledby="sum-h">
  <h2 id="sum-h" class="sr-only">审核进度</h2>
  <p>${statusBadge(g.status)} <span class="muted">批次 ${r.run.id} · 周期 ${r.run.cycleId}</span></p>
  <dl class="facts">
    <div><dt>需求</dt><dd>${g.demands}</dd></div>
    <div><dt>名额</dt><dd>${g.seats}</dd></div>
    <div><dt>已分配</dt><dd>${g.assigned}</dd></div>
    <div><dt>待审核</dt><dd>${g.pending}</dd></div>
    <div><dt>已驳回</dt><dd>${g.rejected}</dd></div>
    <div><dt>无推荐</dt><dd>${g.unfilled}</dd></div>
    <div><dt>待核实</dt><dd>${g.unverified}</dd></div>
  </dl>
  ${g.seatsShared ? html`<p class="muted">名额 ${g.seats} 个由本区县与同一名额单位（${g.seatUnit}）的其他区县共用。</p>` : ''}
  ${r.allocation ? html`<p class="muted">名额分配：${r.allocation}</p>` : ''}
  ${g.submittedBy ? html`<p class="muted">提交：${g.submittedBy}，${formatTime(g.submittedAt)}</p>` : ''}
  ${g.decidedBy ? html`<p class="muted">市级${g.status === 'returned' ? '退回' : '确认'}：${g.decidedBy}，${formatTime(g.decidedAt)}</p>` : ''}
  ${g.note ? html`<p class="note"><strong>市级意见：</strong>${g.note}</p>` : ''}
  ${regionActions(r, viewer)}
  <p class="links"><a href="/v1/runs/${seg(r.run.id)}/regions/${seg(g.code)}/export.xlsx" download>导出本区县需求汇总表（XLSX）</a>
  ${viewer.role !== 'viewer' ? html` · <a href="${base}/audit">审核记录</a>` : ''}</p>
</section>
<div class="table-wrap"><table class="review">
  <caption>${g.name}：每条需求的推荐专家、评分构成、匹配依据与审核操作</caption>
  <thead><tr>
    <th scope="col" class="num">序号</th><th scope="col">企业与需求</th><th scope="col">推荐专家</th>
    <th scope="col">评分构成与依据</th><th scope="col">审核</th>
  </tr></thead>
  <tbody>${orderForReview(r.items).map((d, i) => demandRow(d, i, canDecide))}</tbody>
</table></div>`;
}

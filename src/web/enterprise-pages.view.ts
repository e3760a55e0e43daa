import { formatScore, formatTime } from './format';
import { html, seg } from './html';
import { evidence } from './review.view';
import { SELECTION_API } from './selection-api';
import { apiForm } from './selection-form.view';
import { isTalkOpen, pairBadge, stageBadge } from './selection-labels';
import type { EnterpriseDemandItem, ShortlistCandidate, ShortlistPage } from './selection-pages.types';

const clause = (f: { clause: { document: string; article: string } }) => html`<cite>《${f.clause.document}》${f.clause.article}</cite>`;

/** The enterprise's approved demands, each with its selection stage and a link to its shortlist. */
export function enterpriseHomeBody(items: readonly EnterpriseDemandItem[]) {
  return html`<h1>我的需求</h1>
<p class="hint">以下是已通过区县审核的技术需求。打开需求查看推荐专家，表达意向并邀请洽谈；双方均有意向后可一对一在线洽谈。</p>
${
  items.length
    ? html`<ul class="plist">${items.map(
        (d) => html`<li class="card pitem">
      <h2><a href="/me/demands/${seg(d.demandId)}">${d.title}</a></h2>
      <p>${stageBadge(d.stage)} <span class="muted">${d.cycleName}</span></p>
      <p class="muted">已表达意向 ${d.interested} 位 · 洽谈 ${d.talks} 场${d.deadline ? html` · 邀请截止 ${formatTime(d.deadline)}` : ''}</p>
    </li>`,
      )}</ul>`
    : html`<p class="card">暂无已通过审核的需求。需求表经区县科技部门审核通过后显示在这里。</p>`
}`;
}

function candidateActions(c: ShortlistCandidate, page: ShortlistPage) {
  const p = c.pair;
  if (p) {
    return html`<p>${pairBadge(p.status)}</p>
    ${p.status !== 'declined' ? html`<p><a class="button" href="/me/talks/${seg(p.talkId)}">${isTalkOpen(p.status) ? '进入洽谈' : '查看邀请'}</a></p>` : ''}
    ${p.status === 'interest_expert' ? apiForm({ url: SELECTION_API.accept(p.talkId), ok: `已同意与${c.name}洽谈` }, html`<button type="submit" class="primary">同意洽谈</button>`) : ''}`;
  }
  if (page.closed) return html`<p class="muted">邀请已截止</p>`;
  const full = page.used >= page.maxInterest;
  return apiForm(
    { url: SELECTION_API.interest(page.demand.demandId), ok: `已邀请${c.name}洽谈` },
    html`<input type="hidden" name="expertId" value="${c.expertId}">
    <button type="submit" class="primary" ${full ? 'disabled' : ''} aria-label="表达意向并邀请洽谈：${c.name}">表达意向并邀请</button>
    ${full ? html`<span class="muted">已达 ${page.maxInterest} 位上限</span>` : ''}`,
  );
}

function candidateCard(c: ShortlistCandidate, i: number, page: ShortlistPage) {
  return html`<li class="card pitem candidate" id="cand-${c.expertId}" data-expert="${c.expertId}">
  <h2><span class="rank">${i + 1}</span> ${c.name}</h2>
  <p class="muted">${c.institution}</p>
  <p class="score">匹配度 <strong>${formatScore(c.score)}</strong></p>
  <details class="why"${i < 3 ? ' open' : ''}><summary>推荐理由与依据</summary>
    ${evidence(c)}
    ${c.priorities.length ? html`<ul class="priorities">${c.priorities.map((f) => html`<li><strong>优先：</strong>${f.message} ${clause(f)}</li>`)}</ul>` : ''}
    ${c.flags.length ? html`<ul class="flags">${c.flags.map((f) => html`<li><strong>需区县确认：</strong>${f.message} ${clause(f)}</li>`)}</ul>` : ''}
  </details>
  <div class="pactions">${candidateActions(c, page)}</div>
</li>`;
}

function namedBlock(page: ShortlistPage) {
  const r = page.refusal;
  return html`<section class="card" aria-labelledby="named-h">
  <h2 id="named-h">指定名单外的专家</h2>
  <p class="muted">可指定不在推荐名单中的专家（需已在专家库中）。系统先按全部刚性条件核查，不符合的将说明原因与依据条款。</p>
  ${
    r
      ? html`<div class="refusal" role="alert"><p><strong>无法邀请 ${r.name}：</strong></p><ul>${r.reasons.map((f) => html`<li>${f.message} ${clause(f)}</li>`)}</ul></div>`
      : ''
  }
  ${
    page.closed
      ? html`<p class="muted">邀请已截止。</p>`
      : apiForm(
          { url: SELECTION_API.named(page.demand.demandId), ok: '已邀请指定专家洽谈', className: 'act stack' },
          html`<label for="named-expert">专家编号</label>
    <input id="named-expert" name="expertId" required maxlength="64" autocomplete="off" autocapitalize="none" spellcheck="false">
    <button type="submit" class="secondary" ${page.used >= page.maxInterest ? 'disabled' : ''}>核查并邀请</button>`,
        )
  }
</section>`;
}

/** One demand's shortlist: eligible experts only, the explanation and evidence, no contact details. */
export function shortlistBody(page: ShortlistPage) {
  const d = page.demand;
  return html`<h1>${d.title}</h1>
<section class="card summary" aria-labelledby="sl-h">
  <h2 id="sl-h" class="sr-only">意向名额</h2>
  <p>可表达意向 <strong>${page.used}</strong> / ${page.maxInterest} 位${page.invitationsCloseAt ? html` · 邀请截止 ${formatTime(page.invitationsCloseAt)}` : ''}${page.closed ? html` <span class="badge decision-rejected">已截止</span>` : ''}</p>
  <details><summary>需求内容</summary><p class="pre">${d.description}</p></details>
  <p class="muted">推荐名单只列出符合全部刚性条件的专家；联系方式在双方均表达意向后显示。${d.cycleName}</p>
</section>
${
  page.others.length
    ? html`<section class="card" aria-labelledby="others-h"><h2 id="others-h">名单外的洽谈</h2><ul class="plain">${page.others.map(
        (o) => html`<li><strong>${o.name}</strong> <span class="muted">${o.institution}</span> ${pairBadge(o.pair.status)}
        ${o.pair.status !== 'declined' ? html`<a href="/me/talks/${seg(o.pair.talkId)}">查看</a>` : ''}</li>`,
      )}</ul></section>`
    : ''
}
<h2>推荐专家（${page.candidates.length}）</h2>
${page.candidates.length ? html`<ol class="plist">${page.candidates.map((c, i) => candidateCard(c, i, page))}</ol>` : html`<p class="card">暂无符合条件的推荐专家。</p>`}
${namedBlock(page)}`;
}


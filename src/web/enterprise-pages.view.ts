import type { Deadlines, EnterpriseDemand, Interest, Shortlist, ShortlistEntry } from '../selection/selection.schema';
import { formatScore, formatTime } from './format';
import { html, seg } from './html';
import { evidence } from './review.view';
import { SELECTION_API } from './selection-api';
import { apiForm } from './selection-form.view';
import { interestBadge, stageBadge } from './selection-labels';

const clause = (f: { clause: { document: string; article: string } }) => html`<cite>《${f.clause.document}》${f.clause.article}</cite>`;

export function deadlineNote(d: Deadlines) {
  return html`${d.invitationsCloseAt ? html`邀请截止 ${formatTime(d.invitationsCloseAt)}${d.invitationsOpen ? '' : '（已截止）'}` : '邀请不限期'}${
    d.choiceCloseAt ? html` · 选定截止 ${formatTime(d.choiceCloseAt)}${d.choiceOpen ? '' : '（已截止）'}` : ''
  }`;
}

/** The enterprise's approved demands, each with its selection stage and a link to its shortlist. */
export function enterpriseHomeBody(items: readonly EnterpriseDemand[]) {
  return html`<h1>我的需求</h1>
<p class="hint">以下是已通过区县审核的技术需求。打开需求查看推荐专家，表达意向并邀请洽谈；双方均有意向后即可一对一在线洽谈。</p>
${
  items.length
    ? html`<ul class="plist">${items.map(
        (d) => html`<li class="card pitem">
      <h2><a href="/participant/demands/${seg(d.demandId)}">${d.title}</a></h2>
      <p>${stageBadge(d.stage)} <span class="muted">已表达意向 ${d.interests} 位</span></p>
      <p class="muted">${deadlineNote(d.deadlines)}</p>
    </li>`,
      )}</ul>`
    : html`<p class="card">暂无已通过审核的需求。需求表经区县科技部门审核通过后显示在这里。</p>`
}`;
}

/** A link to the talk, and what the enterprise can do with a pair it already has. */
export function enterprisePairActions(i: Interest, name: string) {
  const talk = i.talkId !== null && i.state !== 'declined' ? html`<a class="button" href="/participant/talks/${i.talkId}">进入洽谈</a>` : '';
  const reply =
    i.state === 'pending' && i.initiatedBy === 'expert'
      ? apiForm(
          { url: SELECTION_API.interests(), ok: `已同意与${name}洽谈` },
          html`<input type="hidden" name="demandId" value="${i.demandId}"><input type="hidden" name="expertId" value="${i.expertId}">
          <button type="submit" class="primary" aria-label="同意洽谈：${name}">同意洽谈</button>`,
        )
      : '';
  return html`<p>${interestBadge(i)}</p>${i.declineReason ? html`<p class="muted">理由：${i.declineReason}</p>` : ''}${talk}${reply}`;
}

function candidateActions(c: ShortlistEntry, s: Shortlist) {
  if (c.interest) return enterprisePairActions(c.interest, c.name);
  if (c.paused) return html`<p class="muted">该专家暂停接受洽谈邀请</p>`;
  if (!s.deadlines.invitationsOpen) return html`<p class="muted">邀请已截止</p>`;
  const full = s.interestsUsed >= s.interestLimit;
  return apiForm(
    { url: SELECTION_API.interests(), ok: `已邀请${c.name}洽谈` },
    html`<input type="hidden" name="demandId" value="${s.demandId}"><input type="hidden" name="expertId" value="${c.expertId}">
    <button type="submit" class="primary" ${full ? 'disabled' : ''} aria-label="表达意向并邀请洽谈：${c.name}">表达意向并邀请</button>
    ${full ? html`<span class="muted">已达 ${s.interestLimit} 位上限</span>` : ''}`,
  );
}

function candidateCard(c: ShortlistEntry, i: number, s: Shortlist) {
  return html`<li class="card pitem candidate" id="cand-${c.expertId}" data-expert="${c.expertId}">
  <h2><span class="rank">${i + 1}</span> ${c.name}</h2>
  <p class="muted">${c.institution}</p>
  <p class="score">匹配度 <strong>${formatScore(c.score)}</strong></p>
  <details class="why"${i < 3 ? ' open' : ''}><summary>推荐理由与依据</summary>
    ${evidence(c)}
    ${c.priorities.length ? html`<ul class="priorities">${c.priorities.map((f) => html`<li><strong>优先：</strong>${f.message} ${clause(f)}</li>`)}</ul>` : ''}
    ${c.flags.length ? html`<ul class="flags">${c.flags.map((f) => html`<li><strong>需区县确认：</strong>${f.message} ${clause(f)}</li>`)}</ul>` : ''}
  </details>
  <div class="pactions">${candidateActions(c, s)}</div>
</li>`;
}

function namedBlock(s: Shortlist) {
  return html`<section class="card" aria-labelledby="named-h">
  <h2 id="named-h">指定名单外的专家</h2>
  <p class="muted">可指定不在推荐名单中的专家（需已在专家库中）。系统先按全部刚性条件核查，不符合的将说明原因与依据条款。</p>
  ${
    s.deadlines.invitationsOpen
      ? apiForm(
          { url: SELECTION_API.interests(), ok: '已邀请指定专家洽谈', className: 'act stack' },
          html`<input type="hidden" name="demandId" value="${s.demandId}">
    <label for="named-expert">专家编号</label>
    <input id="named-expert" name="expertId" required maxlength="64" autocomplete="off" autocapitalize="none" spellcheck="false">
    <button type="submit" class="secondary" ${s.interestsUsed >= s.interestLimit ? 'disabled' : ''}>核查并邀请</button>`,
        )
      : html`<p class="muted">邀请已截止。</p>`
  }
</section>`;
}

/** One demand's shortlist: eligible experts only, the explanation and evidence, no contact details. */
export function shortlistBody(s: Shortlist, description: string | null) {
  return html`<h1>${s.demandTitle}</h1>
<section class="card summary" aria-labelledby="sl-h">
  <h2 id="sl-h" class="sr-only">意向名额</h2>
  <p>${stageBadge(s.stage)} 已表达意向 <strong>${s.interestsUsed}</strong> / ${s.interestLimit} 位</p>
  <p class="muted">${deadlineNote(s.deadlines)}</p>
  ${description ? html`<details><summary>需求内容</summary><p class="pre">${description}</p></details>` : ''}
  <p class="muted">推荐名单只列出符合全部刚性条件的专家；联系方式在双方均表达意向后显示。</p>
</section>
${
  s.others.length
    ? html`<section class="card" aria-labelledby="others-h"><h2 id="others-h">名单外的洽谈</h2><ul class="plain">${s.others.map(
        (o) => html`<li class="other"><strong>${o.expertName}</strong> <span class="muted">${o.expertInstitution}</span>${enterprisePairActions(o, o.expertName)}</li>`,
      )}</ul></section>`
    : ''
}
<h2>推荐专家（${s.candidates.length}）</h2>
${s.candidates.length ? html`<ol class="plist">${s.candidates.map((c, i) => candidateCard(c, i, s))}</ol>` : html`<p class="card">暂无符合条件的推荐专家。</p>`}
${namedBlock(s)}`;
}

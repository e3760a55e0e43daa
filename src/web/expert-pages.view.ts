import type { ExpertMatches, Interest } from '../selection/selection.schema';
import { deadlineNote } from './enterprise-pages.view';
import { formatScore, formatTime } from './format';
import { html } from './html';
import { evidence } from './review.view';
import { SELECTION_API } from './selection-api';
import { apiForm } from './selection-form.view';
import { interestBadge } from './selection-labels';

function pauseBlock(paused: boolean) {
  return html`<section class="card" aria-labelledby="pause-h">
  <h2 id="pause-h">接受洽谈邀请</h2>
  <p>${paused ? html`<span class="badge decision-rejected">已暂停</span> 企业暂时不能邀请您。` : html`<span class="badge decision-approved">接受中</span> 匹配的企业可以邀请您洽谈。`}</p>
  ${apiForm(
    { url: SELECTION_API.pause(), method: 'PUT', ok: paused ? '已恢复接受洽谈邀请' : '已暂停接受洽谈邀请' },
    html`<input type="hidden" name="paused" value="${paused ? 'false' : 'true'}" data-type="boolean">
    <button type="submit" class="secondary">${paused ? '恢复接受邀请' : '暂停被联系'}</button>`,
  )}
</section>`;
}

/** Where the expert goes on with a pair: accept an invitation (mutual interest opens the talk), or open the talk. */
export function expertPairActions(i: Interest) {
  const talk = i.talkId !== null && i.state !== 'declined' ? html`<a class="button" href="/participant/talks/${i.talkId}">进入洽谈</a>` : '';
  const accept =
    i.state === 'pending' && i.initiatedBy === 'enterprise'
      ? apiForm(
          { url: SELECTION_API.interests(), ok: `已接受${i.enterpriseName}的邀请，洽谈开始` },
          html`<input type="hidden" name="demandId" value="${i.demandId}">
          <button type="submit" class="primary" aria-label="有意向，开始洽谈：${i.demandTitle}">有意向，开始洽谈</button>`,
        )
      : '';
  return html`<p>${interestBadge(i)}</p>${i.declineReason ? html`<p class="muted">理由：${i.declineReason}</p>` : ''}${talk}${accept}`;
}

/** The expert's home: invitations from enterprises, newest first, and the pause switch. */
export function expertHomeBody(o: { paused: boolean; invitations: readonly Interest[] }) {
  return html`<h1>洽谈邀请</h1>
${pauseBlock(o.paused)}
${
  o.invitations.length
    ? html`<ul class="plist">${o.invitations.map(
        (i) => html`<li class="card pitem" data-interest="${i.id}">
      <h2>${i.demandTitle}</h2>
      <p><strong>${i.enterpriseName}</strong> <span class="muted">${formatTime(i.enterpriseInterestedAt ?? i.createdAt)}</span></p>
      ${i.note ? html`<p class="quote">${i.note}</p>` : ''}
      <div class="pactions">${expertPairActions(i)}</div>
    </li>`,
      )}</ul>`
    : html`<p class="card">暂无企业邀请。可在“匹配需求”中查看与您最匹配的企业需求并表达意向。</p>`
}`;
}

/** Approved demands that match the expert best (same ranker, same rules), with interest buttons. */
export function expertDemandsBody(m: ExpertMatches) {
  return html`<h1>与我匹配的企业需求</h1>
<p class="hint">按匹配度排序，只列出您符合全部刚性条件的需求。表达意向后，企业同意即可开始一对一洽谈。</p>
${m.paused ? html`<p class="note">您已暂停接受洽谈邀请，恢复后才能表达意向。</p>` : ''}
${
  m.demands.length
    ? html`<ol class="plist">${m.demands.map(
        (d, i) => html`<li class="card pitem" id="demand-${d.demandId}">
      <h2><span class="rank">${i + 1}</span> ${d.demandTitle}</h2>
      <p><strong>${d.enterpriseName}</strong>${d.expectedField ? html` <span class="muted">期望领域：${d.expectedField}</span>` : ''}</p>
      <p class="score">匹配度 <strong>${formatScore(d.score)}</strong> <span class="muted">您在该需求推荐名单中排第 ${d.rank} 位</span></p>
      <details class="why"${i < 3 ? ' open' : ''}><summary>匹配依据</summary>${evidence(d)}</details>
      <p class="muted">${deadlineNote(d.deadlines)}</p>
      <div class="pactions">${
        d.interest
          ? expertPairActions(d.interest)
          : d.deadlines.invitationsOpen
            ? apiForm(
                { url: SELECTION_API.interests(), ok: `已向${d.enterpriseName}表达意向` },
                html`<input type="hidden" name="demandId" value="${d.demandId}">
                <button type="submit" class="primary" ${m.paused ? 'disabled' : ''} aria-label="表达意向：${d.demandTitle}">表达意向</button>`,
              )
            : html`<p class="muted">意向已截止</p>`
      }</div>
    </li>`,
      )}</ol>`
    : html`<p class="card">暂无与您匹配的已审核需求。</p>`
}`;
}

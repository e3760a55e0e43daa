import { formatScore, formatTime } from './format';
import { html, seg } from './html';
import { evidence } from './review.view';
import { SELECTION_API } from './selection-api';
import { apiForm } from './selection-form.view';
import { isTalkOpen, pairBadge } from './selection-labels';
import type { ExpertDemandItem, ExpertHome } from './selection-pages.types';

function pauseBlock(h: ExpertHome) {
  return html`<section class="card" aria-labelledby="pause-h">
  <h2 id="pause-h">接受洽谈邀请</h2>
  <p>${h.paused ? html`<span class="badge decision-rejected">已暂停</span> 企业暂时看不到您，也不能邀请您。` : html`<span class="badge decision-approved">接受中</span> 匹配的企业可以邀请您洽谈。`}</p>
  ${apiForm(
    { url: SELECTION_API.pause(), ok: h.paused ? '已恢复接受洽谈邀请' : '已暂停接受洽谈邀请' },
    html`<input type="hidden" name="paused" value="${h.paused ? 'false' : 'true'}" data-type="boolean">
    <button type="submit" class="secondary">${h.paused ? '恢复接受邀请' : '暂停被联系'}</button>`,
  )}
</section>`;
}

/** The expert's home: invitations from enterprises, newest first, and the pause switch. */
export function expertHomeBody(h: ExpertHome) {
  return html`<h1>洽谈邀请</h1>
${pauseBlock(h)}
${
  h.invitations.length
    ? html`<ul class="plist">${h.invitations.map(
        (i) => html`<li class="card pitem" data-talk="${i.talkId}">
      <h2><a href="/me/talks/${seg(i.talkId)}">${i.demandTitle}</a></h2>
      <p><strong>${i.enterpriseName}</strong></p>
      <p>${pairBadge(i.status)} <span class="muted">${formatTime(i.invitedAt)}</span></p>
      ${i.status === 'interest_enterprise' ? apiForm({ url: SELECTION_API.accept(i.talkId), ok: `已接受${i.enterpriseName}的邀请`, after: `go:/me/talks/${seg(i.talkId)}` }, html`<button type="submit" class="primary" aria-label="有意向，开始洽谈：${i.demandTitle}">有意向，开始洽谈</button>`) : ''}
    </li>`,
      )}</ul>`
    : html`<p class="card">暂无企业邀请。可在“匹配需求”中查看与您最匹配的企业需求并表达意向。</p>`
}`;
}

/** Approved demands that match the expert best (same ranker, same rules), with interest buttons. */
export function expertDemandsBody(items: readonly ExpertDemandItem[], paused: boolean) {
  return html`<h1>与我匹配的企业需求</h1>
<p class="hint">按匹配度排序，只列出您符合全部刚性条件的需求。表达意向后，企业同意即可开始一对一洽谈。</p>
${paused ? html`<p class="note">您已暂停接受洽谈邀请，恢复后才能表达意向。</p>` : ''}
${
  items.length
    ? html`<ol class="plist">${items.map(
        (d, i) => html`<li class="card pitem" id="demand-${d.demandId}">
      <h2><span class="rank">${i + 1}</span> ${d.title}</h2>
      <p><strong>${d.enterpriseName}</strong>${d.industry ? html` <span class="muted">${d.industry}</span>` : ''}</p>
      <p class="score">匹配度 <strong>${formatScore(d.score)}</strong></p>
      <details class="why"><summary>匹配依据</summary>${evidence(d)}</details>
      <div class="pactions">${
        d.pair
          ? html`<p>${pairBadge(d.pair.status)}</p>${d.pair.status !== 'declined' ? html`<p><a class="button" href="/me/talks/${seg(d.pair.talkId)}">${isTalkOpen(d.pair.status) ? '进入洽谈' : '查看'}</a></p>` : ''}`
          : apiForm(
              { url: SELECTION_API.expertInterest(d.demandId), ok: `已向${d.enterpriseName}表达意向` },
              html`<button type="submit" class="primary" ${paused ? 'disabled' : ''} aria-label="表达意向：${d.title}">表达意向</button>`,
            )
      }</div>
    </li>`,
      )}</ol>`
    : html`<p class="card">暂无与您匹配的已审核需求。</p>`
}`;
}

import { MESSAGE_MAX_CHARS, type Meeting, type Message, type SelectionSide, type Talk } from '../selection/selection.schema';
import { formatTime } from './format';
import { html } from './html';
import { SIDE_LABELS } from './participant-layout.view';
import { SELECTION_API } from './selection-api';
import { apiForm, declineForm } from './selection-form.view';
import { canMessage, interestBadge, isMutual } from './selection-labels';

/** Who looks at a talk page: one of its two sides, or county staff (read-only). */
export type TalkPageViewer = { kind: 'party'; side: SelectionSide } | { kind: 'staff' };

const MEETING_LABELS: Record<Meeting['status'], string> = { requested: '已申请，待区县安排', scheduled: '已安排', held: '已举行', cancelled: '已取消' };

function message(m: Message, viewer: TalkPageViewer) {
  const mine = viewer.kind === 'party' && viewer.side === m.senderSide;
  // County staff read both sides: the enterprise on the left, the expert on the right.
  const right = viewer.kind === 'party' ? mine : m.senderSide === 'expert';
  return html`<li class="msg ${mine ? 'mine' : 'theirs'}${right ? ' right' : ''}" data-message="${m.id}">
  <p class="meta"><strong>${m.senderName}</strong> <span class="tag">${SIDE_LABELS[m.senderSide]}</span> <time datetime="${m.createdAt}">${formatTime(m.createdAt)}</time></p>
  <p class="text">${m.body}</p>
</li>`;
}

/** The message list alone: the page script swaps it in when a live event says the talk changed. */
export function threadFragment(messages: readonly Message[], viewer: TalkPageViewer) {
  return html`<ol class="thread" id="thread" aria-label="洽谈消息" data-count="${messages.length}">${
    messages.length ? messages.map((m) => message(m, viewer)) : html`<li class="muted empty">还没有消息。</li>`
  }</ol>`;
}

function contactsBlock(t: Talk, viewer: TalkPageViewer) {
  if (!isMutual(t.state)) return html`<p class="muted">联系方式将在双方均表达意向后显示。</p>`;
  if (viewer.kind !== 'party') return html`<p class="muted">双方已可查看彼此的联系方式。</p>`;
  return html`<p class="muted">双方均已表达意向，可以查看彼此的联系方式（每次查看均留档）。</p>
  <button type="button" class="secondary" data-contacts="${SELECTION_API.contacts(t.id)}">查看联系方式</button>
  <div id="contacts" class="contacts" hidden></div>`;
}

function meetingList(meetings: readonly Meeting[]) {
  return html`<ul class="plain meetings">${meetings.map(
    (m) => html`<li><span class="badge">${MEETING_LABELS[m.status]}</span> ${SIDE_LABELS[m.requestedBy]}申请：${formatTime(m.scheduledAt ?? m.proposedAt)}，${m.place}
    ${m.note ? html`<br><span class="muted">${m.note}</span>` : ''}${m.outcome ? html`<br>结果：${m.outcome}` : ''}</li>`,
  )}</ul>`;
}

function meetingBlock(t: Talk, viewer: TalkPageViewer) {
  const list = t.meetings.length ? meetingList(t.meetings) : html`<p class="muted">尚未申请线下见面。</p>`;
  if (viewer.kind !== 'party' || !t.canWrite || !isMutual(t.state)) return list;
  return html`${list}${apiForm(
    { url: SELECTION_API.meetings(t.id), ok: '已向区县科技部门申请线下见面', className: 'act stack meeting-form' },
    html`<label for="meeting-at">希望的时间</label>
    <input id="meeting-at" name="proposedAt" type="datetime-local" required data-type="datetime">
    <label for="meeting-place">地点</label>
    <input id="meeting-place" name="place" maxlength="200" required autocomplete="off">
    <label for="meeting-note">说明<span class="muted">（选填）</span></label>
    <textarea id="meeting-note" name="note" maxlength="500" rows="2"></textarea>
    <button type="submit" class="secondary">申请线下见面或面谈</button>`,
  )}`;
}

function composer(t: Talk) {
  return apiForm(
    { url: SELECTION_API.messages(t.id), after: 'thread', ok: '已发送', className: 'composer', label: '发送消息' },
    html`<label for="message-text">消息<span class="muted">（纯文本，最多 ${MESSAGE_MAX_CHARS} 字）</span></label>
    <textarea id="message-text" name="body" maxlength="${MESSAGE_MAX_CHARS}" rows="3" required data-counter="message-count"></textarea>
    <div class="composer-row"><span id="message-count" class="muted">0 / ${MESSAGE_MAX_CHARS}</span>
    <button type="submit" class="primary">发送</button></div>`,
  );
}

function decisionBlock(t: Talk, viewer: TalkPageViewer) {
  if (viewer.kind !== 'party' || !t.canWrite) return '';
  const i = t.interest;
  const other = viewer.side === 'enterprise' ? t.expertName : t.enterpriseName;
  const parts = [];
  if (viewer.side === 'enterprise' && i.state === 'talking') {
    parts.push(
      apiForm(
        { url: SELECTION_API.choose(i.id), ok: `已选定${t.expertName}，等待专家确认` },
        html`<p>洽谈满意后，可选定该专家作为本需求的科技副总人选（每条需求择优选择 1 人）。</p>
        <button type="submit" class="primary">选定该专家</button>`,
      ),
    );
  }
  if (viewer.side === 'expert' && i.state === 'chosen') {
    parts.push(
      apiForm(
        { url: SELECTION_API.confirm(i.id), ok: '已确认，双方达成一致' },
        html`<p><strong>${t.enterpriseName}</strong> 已选定您，请确认是否接受。</p><button type="submit" class="primary">确认接受</button>`,
      ),
    );
  }
  if (i.state !== 'agreed' && i.state !== 'declined') parts.push(declineForm(SELECTION_API.decline(i.id), String(i.id), other));
  return parts.length ? html`<section class="card" aria-labelledby="dec-h"><h2 id="dec-h">选择与确认</h2>${parts}</section>` : '';
}

/** The pair's state line: the live refresh replaces it when the other side chooses, confirms or declines. */
export function talkStatus(t: Talk, viewer: TalkPageViewer) {
  return html`<p id="talk-status" data-state="${t.state}">${interestBadge(t.interest)}${viewer.kind === 'staff' ? html` <span class="badge">只读</span>` : ''}</p>`;
}

/** What the live refresh swaps in: the thread and the state line. */
export function liveFragment(t: Talk, viewer: TalkPageViewer) {
  return html`${threadFragment(t.messageList, viewer)}${talkStatus(t, viewer)}`;
}

/** The one-to-one talk: the thread (live), contacts after mutual interest, an offline meeting, the choice. */
export function talkBody(t: Talk, viewer: TalkPageViewer) {
  return html`<h1>${t.demandTitle}</h1>
<section class="card summary" aria-labelledby="talk-h">
  <h2 id="talk-h">${t.enterpriseName} × ${t.expertName}</h2>
  <p class="muted">${t.interest.expertInstitution}</p>
  ${talkStatus(t, viewer)}
  ${t.interest.declineReason ? html`<p class="note">婉拒理由：${t.interest.declineReason}</p>` : ''}
</section>
<section class="card" aria-labelledby="thread-h">
  <h2 id="thread-h">洽谈消息 <span id="live" class="live muted" data-live-state="off" aria-live="polite">（实时更新未连接）</span></h2>
  ${threadFragment(t.messageList, viewer)}
  ${t.canWrite && canMessage(t.state) ? composer(t) : ''}
</section>
${decisionBlock(t, viewer)}
<section class="card" aria-labelledby="contact-h"><h2 id="contact-h">联系方式</h2>${contactsBlock(t, viewer)}</section>
<section class="card" aria-labelledby="meet-h"><h2 id="meet-h">线下见面或面谈</h2>${meetingBlock(t, viewer)}</section>`;
}

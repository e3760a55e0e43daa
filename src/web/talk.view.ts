import { formatTime } from './format';
import { html } from './html';
import { SIDE_LABELS } from './participant-layout.view';
import { SELECTION_API } from './selection-api';
import { apiForm, declineForm } from './selection-form.view';
import { isTalkOpen, pairBadge } from './selection-labels';
import type { ContactCard, TalkMessage, TalkPage, TalkViewer } from './selection-pages.types';

function message(m: TalkMessage, viewer: TalkViewer) {
  const mine = viewer.kind === 'participant' && viewer.side === m.from;
  return html`<li class="msg ${mine ? 'mine' : 'theirs'}" data-message="${m.id}">
  <p class="meta"><strong>${m.author}</strong><span class="tag">${SIDE_LABELS[m.from]}</span> <time datetime="${m.at}">${formatTime(m.at)}</time></p>
  <p class="text">${m.text}</p>
</li>`;
}

/** The message list alone: the page script swaps it in when a live event says the talk changed. */
export function threadFragment(t: Pick<TalkPage, 'messages'>, viewer: TalkViewer) {
  return html`<ol class="thread" id="thread" aria-label="洽谈消息" data-count="${t.messages.length}">${
    t.messages.length ? t.messages.map((m) => message(m, viewer)) : html`<li class="muted empty">还没有消息。</li>`
  }</ol>`;
}

function contactCard(label: string, c: ContactCard) {
  return html`<div class="contact"><h3>${label}</h3><p><strong>${c.name}</strong>${c.organisation ? html` <span class="muted">${c.organisation}</span>` : ''}</p>
  <p>电话：${c.phone ? html`<a href="tel:${c.phone}">${c.phone}</a>` : '—'}</p>
  <p>邮箱：${c.email ? html`<a href="mailto:${c.email}">${c.email}</a>` : '—'}</p></div>`;
}

function contactsBlock(t: TalkPage) {
  if (!t.contacts) return html`<p class="muted">联系方式将在双方均表达意向后显示。</p>`;
  return html`<div class="contacts">${contactCard('企业联系人', t.contacts.enterprise)}${contactCard('专家', t.contacts.expert)}</div>
  <p class="muted">联系方式的每次查看均留档。</p>`;
}

function meetingBlock(t: TalkPage, viewer: TalkViewer) {
  const m = t.meeting;
  if (m) {
    return html`<p>已于 ${formatTime(m.requestedAt)} 申请线下见面或面谈：${m.note}</p>
    <p>${m.scheduledAt ? html`时间：${formatTime(m.scheduledAt)}` : '区县科技部门安排后将通知双方'}${m.place ? html` · 地点：${m.place}` : ''}</p>
    ${m.outcome ? html`<p>结果：${m.outcome}</p>` : ''}`;
  }
  if (viewer.kind !== 'participant' || !isTalkOpen(t.status) || t.status === 'agreed') return html`<p class="muted">未申请线下见面。</p>`;
  return apiForm(
    { url: SELECTION_API.meeting(t.talkId), ok: '已向区县科技部门申请线下见面', className: 'act stack' },
    html`<label for="meeting-note">希望的时间、地点或说明</label>
    <textarea id="meeting-note" name="note" maxlength="500" rows="2" required></textarea>
    <button type="submit" class="secondary">申请线下见面或面谈</button>`,
  );
}

function composer(t: TalkPage) {
  return apiForm(
    { url: SELECTION_API.messages(t.talkId), after: 'thread', ok: '已发送', className: 'composer', label: '发送消息' },
    html`<label for="message-text">消息</label>
    <textarea id="message-text" name="text" maxlength="${t.maxMessageLength}" rows="3" required data-counter="message-count"></textarea>
    <div class="composer-row"><span id="message-count" class="muted" aria-live="polite">0 / ${t.maxMessageLength}</span>
    <button type="submit" class="primary">发送</button></div>`,
  );
}

function decisionBlock(t: TalkPage, viewer: TalkViewer) {
  if (viewer.kind !== 'participant') return '';
  const other = viewer.side === 'enterprise' ? t.expert.name : t.enterpriseName;
  const parts = [];
  if (viewer.side === 'enterprise' && t.status === 'open') {
    parts.push(
      apiForm(
        { url: SELECTION_API.choose(t.talkId), ok: `已选定${t.expert.name}，等待专家确认` },
        html`<p>洽谈满意后，可选定该专家作为本需求的科技副总人选（每条需求择优选择 1 人）。</p>
        <button type="submit" class="primary">选定该专家</button>`,
      ),
    );
  }
  if (viewer.side === 'expert' && t.status === 'chosen') {
    parts.push(
      apiForm(
        { url: SELECTION_API.confirm(t.talkId), ok: '已确认，双方达成一致' },
        html`<p><strong>${t.enterpriseName}</strong> 已选定您，请确认是否接受。</p><button type="submit" class="primary">确认接受</button>`,
      ),
    );
  }
  if (viewer.side === 'expert' && t.status === 'interest_enterprise') {
    parts.push(
      apiForm(
        { url: SELECTION_API.accept(t.talkId), ok: '已表达意向，洽谈开始' },
        html`<p><strong>${t.enterpriseName}</strong> 邀请您洽谈。</p><button type="submit" class="primary">有意向，开始洽谈</button>`,
      ),
    );
  }
  if (viewer.side === 'enterprise' && t.status === 'interest_expert') {
    parts.push(
      apiForm({ url: SELECTION_API.accept(t.talkId), ok: '已同意洽谈' }, html`<p>${t.expert.name} 对本需求有意向。</p><button type="submit" class="primary">同意洽谈</button>`),
    );
  }
  if (t.status !== 'agreed' && t.status !== 'declined') parts.push(declineForm(SELECTION_API.decline(t.talkId), t.talkId, other));
  return parts.length ? html`<section class="card" aria-labelledby="dec-h"><h2 id="dec-h">选择与确认</h2>${parts}</section>` : '';
}

/** The one-to-one talk: thread (live), contacts after mutual interest, offline meeting, the choice. */
export function talkBody(t: TalkPage, viewer: TalkViewer) {
  const open = isTalkOpen(t.status);
  const canWrite = viewer.kind === 'participant' && open && t.status !== 'agreed';
  return html`<h1>${t.demand.title}</h1>
<section class="card summary" aria-labelledby="talk-h">
  <h2 id="talk-h">${t.enterpriseName} × ${t.expert.name}</h2>
  <p class="muted">${t.expert.institution}</p>
  <p id="talk-status">${pairBadge(t.status)}${viewer.kind === 'staff' ? html` <span class="badge">只读</span>` : ''}</p>
  ${t.declinedReason ? html`<p class="note">婉拒理由：${t.declinedReason}</p>` : ''}
</section>
<section class="card" aria-labelledby="thread-h">
  <h2 id="thread-h">洽谈消息 <span id="live" class="live muted" data-live-state="off">（实时更新未连接）</span></h2>
  ${threadFragment(t, viewer)}
  ${canWrite ? composer(t) : open ? '' : html`<p class="muted">双方均表达意向后即可发送消息。</p>`}
</section>
${decisionBlock(t, viewer)}
<section class="card" aria-labelledby="contact-h"><h2 id="contact-h">联系方式</h2>${contactsBlock(t)}</section>
<section class="card" aria-labelledby="meet-h"><h2 id="meet-h">线下见面或面谈</h2>${meetingBlock(t, viewer)}</section>`;
}

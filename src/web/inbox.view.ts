import { formatTime } from './format';
import { html } from './html';
import type { InboxItem } from './selection-pages.types';

/** Links in notifications are the service's own pages: anything else is shown as text, never followed. */
const localLink = (link: string | null) => (link && /^\/(?![/\\])[^\s\\]*$/.test(link) ? link : null);

/** The in-app inbox: newest first, unread ones marked; opening one marks it read. */
export function inboxBody(items: readonly InboxItem[]) {
  const unread = items.filter((i) => !i.read).length;
  return html`<h1>消息</h1>
<p class="hint">${unread ? html`未读 <strong>${unread}</strong> 条。` : '没有未读消息。'}</p>
${
  items.length
    ? html`<ul class="plist inbox">${items.map((i) => {
        const link = localLink(i.link);
        return html`<li class="card pitem${i.read ? '' : ' unread'}" data-inbox="${i.id}">
      <h2>${i.read ? '' : html`<span class="badge decision-pending">未读</span> `}${link ? html`<a href="${link}" data-inbox-open="${i.id}">${i.subject}</a>` : i.subject}</h2>
      <p>${i.body}</p>
      <p class="muted"><time datetime="${i.at}">${formatTime(i.at)}</time></p>
    </li>`;
      })}</ul>`
    : html`<p class="card">暂无消息。</p>`
}`;
}

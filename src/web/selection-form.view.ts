import { html, type HtmlValue } from './html';

export type ApiFormOptions = {
  url: string;
  /** POST unless said (PUT for settings). */
  method?: 'POST' | 'PUT';
  /** What the page does after success: reload it, refresh the talk thread, or go to a link. */
  after?: 'reload' | 'thread' | 'invite' | `go:${string}`;
  /** The message announced after success (shown after the reload too). */
  ok: string;
  className?: string;
  label?: string;
};

/**
 * A form the page script posts as JSON to the selection API with the session's CSRF header (named fields become
 * the body; number inputs numbers, checkboxes booleans). No inline handlers: the CSP allows only our script.
 */
export function apiForm(o: ApiFormOptions, inner: HtmlValue) {
  return html`<form class="${o.className ?? 'act'}" data-api="${o.url}" data-method="${o.method ?? 'POST'}" data-after="${o.after ?? 'reload'}" data-ok="${o.ok}"${o.label ? html` aria-label="${o.label}"` : ''} novalidate>${inner}</form>`;
}

/** A reason box plus a decline button (either side may decline with a reason). */
export function declineForm(url: string, id: string, who: string) {
  return apiForm(
    { url, ok: `已婉拒：${who}`, className: 'act decline', label: `婉拒${who}` },
    html`<details><summary>婉拒</summary>
    <label for="decline-${id}">婉拒理由<span class="muted">（必填，对方将看到）</span></label>
    <textarea id="decline-${id}" name="reason" maxlength="500" rows="2" required></textarea>
    <button type="submit" class="danger">确认婉拒</button></details>`,
  );
}

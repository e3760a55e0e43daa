import { html, type SafeHtml } from './html';

/**
 * The `<head>` every page shares, staff and participant alike: the CSRF token for the page scripts (only when
 * someone is signed in), the title suffix, and the stylesheets and scripts in order (shared ones first).
 */
export function renderHead(o: { title: string; csrfToken?: string; css: readonly string[]; js: readonly string[] }): SafeHtml {
  return html`<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${o.csrfToken ? html`<meta name="csrf-token" content="${o.csrfToken}">` : ''}
<title>${o.title} · 科技副总匹配服务</title>
<link rel="icon" href="data:,">
${o.css.map((href) => html`<link rel="stylesheet" href="${href}">`)}
${o.js.map((src) => html`<script src="${src}" defer></script>`)}
</head>`;
}

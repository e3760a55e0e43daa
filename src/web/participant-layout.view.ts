import { html, type HtmlValue, type SafeHtml } from './html';
import { renderHead } from './page-head.view';

export type ParticipantSide = 'enterprise' | 'expert';

/** Who is looking at a participant page (an enterprise or expert user signed in on their own account). */
export type ParticipantViewer = {
  side: ParticipantSide;
  displayName: string;
  /** Unread inbox items: the header shows the count on every page. */
  unread: number;
  csrfToken: string;
};

export const SIDE_LABELS: Record<ParticipantSide, string> = { enterprise: '企业', expert: '专家' };

/** The sections of each side's pages; the first is the home page. */
export const PARTICIPANT_NAV: Record<ParticipantSide, ReadonlyArray<{ key: string; label: string; href: string }>> = {
  enterprise: [
    { key: 'home', label: '我的需求', href: '/participant' },
    { key: 'inbox', label: '消息', href: '/participant/inbox' },
  ],
  expert: [
    { key: 'home', label: '洽谈邀请', href: '/participant' },
    { key: 'demands', label: '匹配需求', href: '/participant/demands' },
    { key: 'inbox', label: '消息', href: '/participant/inbox' },
  ],
};

export type ParticipantPageOptions = {
  title: string;
  /** Absent on the invitation page (nobody is signed in yet). */
  viewer?: ParticipantViewer;
  /** Which navigation entry is the current page. */
  current?: string;
  body: HtmlValue;
  assets: { css: readonly string[]; js: readonly string[] };
  data?: Record<string, string>;
};

function navigation(v: ParticipantViewer, current: string | undefined) {
  return html`<nav class="pnav" aria-label="主要导航"><ul>${PARTICIPANT_NAV[v.side].map((n) => {
    const here = n.key === current;
    const label = n.key === 'inbox' && v.unread > 0 ? html`${n.label}<span class="count" aria-label="未读 ${v.unread} 条">${v.unread > 99 ? '99+' : v.unread}</span>` : n.label;
    return html`<li><a href="${n.href}"${here ? html` aria-current="page"` : ''}>${label}</a></li>`;
  })}</ul></nav>`;
}

/**
 * The shell of the enterprise and expert pages: phone first (one column, a bottom-wide navigation with large
 * tap targets), the same stylesheet and script rules as the staff pages (no inline script or style).
 */
export function renderParticipantPage(o: ParticipantPageOptions): string {
  const v = o.viewer;
  const data = Object.entries(o.data ?? {}).map(([k, val]) => html` data-${k}="${val}"`);
  const doc: SafeHtml = html`<!doctype html>
<html lang="zh-CN">
${renderHead({ title: o.title, csrfToken: v?.csrfToken, css: o.assets.css, js: o.assets.js })}
<body class="participant">
<a class="skip" href="#main">跳到主要内容</a>
<header class="top ptop">
  <div class="brand"><a href="${v ? '/participant' : '/'}">科技副总匹配服务</a>${v ? html`<span class="sub">${SIDE_LABELS[v.side]}端</span>` : ''}</div>
  ${
    v
      ? html`<div class="who">
    <span class="name">${v.displayName}</span>
    <button type="button" class="link-button" data-participant-logout>退出</button>
  </div>`
      : ''
  }
</header>
${v ? navigation(v, o.current) : ''}
<main id="main" tabindex="-1"${data}>
<div id="status" class="status" role="status" aria-live="polite" tabindex="-1"></div>
${o.body}
</main>
<footer class="foot">一对一在线洽谈：《温州市深化科技副总派驻工作实施方案》四（二）“实现 AI 智能供需匹配和一对一在线洽谈功能”。联系方式仅在双方均表达意向后显示，查看记录留档。</footer>
</body>
</html>
`;
  return doc.value;
}

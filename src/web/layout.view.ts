import { html, type HtmlValue, type SafeHtml } from './html';
import { renderHead } from './page-head.view';

export type Viewer = {
  username: string;
  displayName: string;
  role: 'admin' | 'reviewer' | 'viewer';
  region: string | null;
  regionName: string | null;
  csrfToken: string;
};

export const ROLE_LABELS: Record<Viewer['role'], string> = { admin: '市级管理员', reviewer: '区县审核员', viewer: '只读用户' };

export type PageOptions = {
  title: string;
  viewer?: Viewer;
  /** Links above the heading, last one is the current page (not a link). */
  breadcrumbs?: Array<{ label: string; href?: string }>;
  body: HtmlValue;
  assets: { css: string; js: string };
  /** data-* attributes on <main> for the script (run id, region). */
  data?: Record<string, string>;
  /** A page area's own stylesheet and script, after the shared ones (the selection pages). */
  extra?: { css: readonly string[]; js: readonly string[] };
};

export function renderPage(o: PageOptions): string {
  const v = o.viewer;
  const data = Object.entries(o.data ?? {}).map(([k, val]) => html` data-${k}="${val}"`);
  const doc: SafeHtml = html`<!doctype html>
<html lang="zh-CN">
${renderHead({ title: o.title, csrfToken: v?.csrfToken, css: [o.assets.css, ...(o.extra?.css ?? [])], js: [o.assets.js, ...(o.extra?.js ?? [])] })}
<body>
<a class="skip" href="#main">跳到主要内容</a>
<header class="top">
  <div class="brand"><a href="/">科技副总匹配服务</a><span class="sub">区县审核</span></div>
  ${
    v
      ? html`<div class="who">
    <a href="/placements">派驻</a><a href="/placements/dashboard">派驻看板</a>
    ${v.role !== 'viewer' ? html`<a href="/intake">入库审核</a>` : ''}
    <a href="/selection">双向选择</a>
    <span>${v.displayName}（${ROLE_LABELS[v.role]}${v.regionName ? html`，${v.regionName}` : ''}）</span>
    <button type="button" class="link-button" data-logout>退出登录</button>
  </div>`
      : ''
  }
</header>
<main id="main" tabindex="-1"${data}>
${
  o.breadcrumbs?.length
    ? html`<nav aria-label="位置" class="crumbs"><ol>${o.breadcrumbs.map((b, i) =>
        b.href && i < o.breadcrumbs!.length - 1 ? html`<li><a href="${b.href}">${b.label}</a></li>` : html`<li aria-current="page">${b.label}</li>`,
      )}</ol></nav>`
    : ''
}
<div id="status" class="status" role="status" aria-live="polite" tabindex="-1"></div>
${o.body}
</main>
<footer class="foot">数据仅供审核使用，请勿外传。《温州市深化科技副总派驻工作实施方案》四（二）：县（市、区）科技部门负责对匹配信息进行审核。</footer>
</body>
</html>
`;
  return doc.value;
}

import { html } from './html';

const SIDE_LABELS = { enterprise: '企业用户', expert: '专家用户' } as const;

/** The invitation page (mobile-first, works without script): the user chooses a login name and sets the password. */
export function inviteBody(o: { token: string; side: 'enterprise' | 'expert'; displayName: string; expiresAt: string; username: string | null; error?: string }) {
  return html`<section class="login card" aria-labelledby="invite-title">
  <h1 id="invite-title">开通${SIDE_LABELS[o.side]}账号</h1>
  <p class="hint">区县科技部门邀请 <strong>${o.displayName}</strong> 使用双向选择与一对一在线洽谈。请设置登录密码（至少 10 位）。此链接仅可使用一次，${o.expiresAt.slice(0, 10)} 前有效。</p>
  <form method="post" action="/invite/${o.token}">
    <div class="field">
      <label for="username">用户名</label>
      ${
        o.username
          ? html`<input id="username" name="username" value="${o.username}" readonly autocomplete="username">`
          : html`<input id="username" name="username" autocomplete="username" required autocapitalize="none" spellcheck="false" pattern="[a-z0-9][a-z0-9._\\-]{1,63}">`
      }
    </div>
    <div class="field">
      <label for="password">密码</label>
      <input id="password" name="password" type="password" autocomplete="new-password" minlength="10" required>
    </div>
    <p class="error" role="alert">${o.error ?? ''}</p>
    <button type="submit" class="primary">设置密码并登录</button>
  </form>
</section>`;
}

export function inviteInvalidBody(message: string) {
  return html`<section class="login card"><h1>邀请链接不可用</h1><p class="error" role="alert">${message}</p></section>`;
}

/** Enterprise and expert users' sign-in (no script needed). */
export function participantLoginBody(error?: string) {
  return html`<section class="login card" aria-labelledby="login-title">
  <h1 id="login-title">企业 / 专家用户登录</h1>
  <p class="hint">使用接受邀请时设置的用户名和密码登录。工作人员请从 <a href="/login">工作人员登录</a> 进入。</p>
  <form method="post" action="/participant/login">
    <div class="field"><label for="username">用户名</label><input id="username" name="username" autocomplete="username" required autocapitalize="none" spellcheck="false"></div>
    <div class="field"><label for="password">密码</label><input id="password" name="password" type="password" autocomplete="current-password" required></div>
    <p class="error" role="alert">${error ?? ''}</p>
    <button type="submit" class="primary">登录</button>
  </form>
</section>`;
}

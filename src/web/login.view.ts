import { html } from './html';

/** The sign-in form; the script posts it to /v1/auth/login and follows `next` (a local path only). */
export function loginBody(next: string | undefined) {
  return html`<section class="login card" aria-labelledby="login-title">
  <h1 id="login-title">工作人员登录</h1>
  <p class="hint">企业和专家用户请<a href="/participant/login">在此登录</a>。区县科技部门审核员、市级管理员和只读用户请使用分配的账号登录。演示模式下，账号和密码在服务启动时打印在终端中（也保存在数据目录的 demo-accounts.json）。</p>
  <form id="login-form" data-next="${next ?? '/'}" novalidate>
    <div class="field">
      <label for="username">用户名</label>
      <input id="username" name="username" autocomplete="username" required autocapitalize="none" spellcheck="false">
    </div>
    <div class="field">
      <label for="password">密码</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
    </div>
    <p id="login-error" class="error" role="alert"></p>
    <button type="submit" class="primary">登录</button>
  </form>
</section>`;
}

import { formatTime } from './format';
import { html } from './html';
import { SELECTION_API } from './selection-api';
import { apiForm } from './selection-form.view';

export type SentInvitation = {
  side: 'enterprise' | 'expert';
  key: string;
  displayName: string;
  createdAt: string;
  expiresAt: string;
  state: 'open' | 'used' | 'revoked' | 'expired';
};

const STATE = { open: '待接受', used: '已接受', revoked: '已作废', expired: '已过期' } as const;

const SIDE = { enterprise: '企业用户', expert: '专家用户' } as const;

/** The reviewer invites an enterprise user (by credit code) or an expert user (by expert number) of the county. */
export function inviteBody(o: { regionName: string; sent: readonly SentInvitation[] }) {
  return html`<h1>邀请企业或专家</h1>
<section class="card" aria-labelledby="inv-h">
  <h2 id="inv-h">生成邀请链接</h2>
  <p class="muted">邀请链接只能使用一次：对方打开后设置密码即可登录，只能看到本企业或本人的数据。只能邀请${o.regionName}的企业与专家。</p>
  ${apiForm(
    { url: SELECTION_API.invitations(), after: 'invite', ok: '已生成邀请链接', className: 'act stack' },
    html`<fieldset><legend>邀请对象</legend>
      <label class="inline"><input type="radio" name="side" value="enterprise" checked> 企业用户</label>
      <label class="inline"><input type="radio" name="side" value="expert"> 专家用户</label></fieldset>
    <label for="inv-key">统一社会信用代码或专家编号</label>
    <input id="inv-key" name="key" required maxlength="64" autocomplete="off" autocapitalize="characters" spellcheck="false">
    <button type="submit" class="primary">生成邀请链接</button>`,
  )}
  <div id="invite-result" class="invite-result" hidden>
    <label for="invite-link">邀请链接（请通过短信或微信发给对方）</label>
    <input id="invite-link" readonly>
  </div>
</section>
${
  o.sent.length
    ? html`<section class="card" aria-labelledby="sent-h"><h2 id="sent-h">已发出的邀请</h2><ul class="plain">${o.sent.map(
        (s) => html`<li>${SIDE[s.side]} <strong>${s.displayName}</strong> <span class="muted">${s.key} · ${formatTime(s.createdAt)}</span>
        <span class="badge decision-${s.state === 'used' ? 'approved' : s.state === 'open' ? 'pending' : 'rejected'}">${STATE[s.state]}</span>${s.state === 'open' ? html` <span class="muted">${formatTime(s.expiresAt)} 前有效</span>` : ''}</li>`,
      )}</ul></section>`
    : ''
}`;
}

/** The invitation link's page: who is invited, the user name and the password to set. */
export function acceptInvitationBody(o: { token: string; side: 'enterprise' | 'expert'; displayName: string; expiresAt: string; username: string | null }) {
  return html`<section class="card login" aria-labelledby="acc-h">
  <h1 id="acc-h">接受邀请</h1>
  <p>您受邀作为${SIDE[o.side]}<strong>${o.displayName}</strong>使用科技副总匹配服务，参与双向选择与一对一在线洽谈。</p>
  <p class="muted">邀请 ${formatTime(o.expiresAt)} 前有效，只能使用一次。设置后即可用用户名和密码登录。</p>
  ${apiForm(
    { url: SELECTION_API.acceptInvitation(o.token), after: 'go:/me', ok: '密码已设置，欢迎使用', className: 'act stack' },
    html`<label for="new-username">用户名</label>
    <input id="new-username" name="username" value="${o.username ?? ''}" maxlength="64" required autocomplete="username" autocapitalize="none" spellcheck="false"${o.username ? ' readonly' : ''}>
    <label for="new-password">设置密码<span class="muted">（至少 12 位）</span></label>
    <input id="new-password" name="password" type="password" autocomplete="new-password" minlength="12" maxlength="256" required>
    <label for="new-password-2">再次输入密码</label>
    <input id="new-password-2" name="passwordAgain" type="password" autocomplete="new-password" minlength="12" maxlength="256" required data-same-as="new-password" data-no-send>
    <button type="submit" class="primary">设置密码并进入</button>`,
  )}
</section>`;
}

/** The participants' sign-in (enterprise and expert users; staff sign in on /login). */
export function participantLoginBody(next: string | undefined) {
  return html`<section class="card login" aria-labelledby="plogin-h">
  <h1 id="plogin-h">企业、专家用户登录</h1>
  <p class="hint">首次使用请打开区县科技部门发送的邀请链接设置密码。</p>
  ${apiForm(
    { url: SELECTION_API.participantLogin(), after: `go:${next ?? '/me'}`, ok: '已登录', className: 'act stack' },
    html`<label for="p-username">用户名</label>
    <input id="p-username" name="username" required maxlength="64" autocomplete="username" autocapitalize="none" spellcheck="false">
    <label for="p-password">密码</label>
    <input id="p-password" name="password" type="password" required maxlength="256" autocomplete="current-password">
    <button type="submit" class="primary">登录</button>`,
  )}
  <p class="muted"><a href="/login">工作人员登录</a></p>
</section>`;
}

/** A link that was used, expired or never existed: one message for all three (no token probing). */
export function invitationGoneBody() {
  return html`<section class="card login" aria-labelledby="gone-h"><h1 id="gone-h">邀请链接无效</h1>
  <p>该邀请链接已使用、已过期或不存在。请联系所在县（市、区）科技部门重新发送邀请。</p></section>`;
}

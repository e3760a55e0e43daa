import { formatTime } from './format';
import { html } from './html';
import { SELECTION_API } from './selection-api';
import { apiForm } from './selection-form.view';

/** A participant account of the county as the reviewer's list shows it (i14a's account list). */
export type InvitedAccount = {
  side: 'enterprise' | 'expert';
  subjectKey: string;
  displayName: string;
  username: string | null;
  activated: boolean;
  disabled: boolean;
  invitations: ReadonlyArray<{ createdAt: string; expiresAt: string; state: 'open' | 'used' | 'revoked' | 'expired' }>;
};

const SIDE = { enterprise: '企业用户', expert: '专家用户' } as const;

/** The reviewer invites an enterprise user (by credit code) or an expert user (by expert number) of the county. */
function accountBadge(a: InvitedAccount) {
  if (a.disabled) return html`<span class="badge decision-rejected">已停用</span>`;
  if (a.activated) return html`<span class="badge decision-approved">已开通</span>`;
  return html`<span class="badge decision-pending">待接受邀请</span>`;
}

export function inviteBody(o: { regionName: string; accounts: readonly InvitedAccount[] }) {
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
  o.accounts.length
    ? html`<section class="card" aria-labelledby="sent-h"><h2 id="sent-h">本区县的企业、专家用户（${o.accounts.length}）</h2><ul class="plain accounts">${o.accounts.map((a) => {
        const last = a.invitations.at(-1);
        return html`<li>${SIDE[a.side]} <strong>${a.displayName}</strong> <span class="muted">${a.subjectKey}${a.username ? ` · 用户名 ${a.username}` : ''}</span>
        ${accountBadge(a)}${!a.activated && last?.state === 'open' ? html` <span class="muted">邀请 ${formatTime(last.expiresAt)} 前有效</span>` : ''}</li>`;
      })}</ul></section>`
    : ''
}`;
}

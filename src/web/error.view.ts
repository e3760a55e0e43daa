import { html } from './html';

const TITLES: Record<number, string> = { 400: '请求无效', 403: '无权访问', 404: '页面不存在', 409: '操作冲突' };

export function errorTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? '服务器内部错误' : '请求失败');
}

export function errorBody(status: number, message: string) {
  return html`<section class="card" aria-labelledby="err-title">
  <h1 id="err-title">${errorTitle(status)}</h1>
  <p>${message}</p>
  <p><a href="/">返回首页</a></p>
</section>`;
}

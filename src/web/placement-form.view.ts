import { html } from './html';
import type { ActionField, PlacementAction } from './placement-view.types';

// Action forms of the placement pages. The page script (placements.js) submits them to their REST route with
// the session's CSRF header, as the review page's buttons do, and shows a refusal's Chinese message in the
// form's own error line; a file is checked for type and size before it is sent, with the same wording.

function fieldControl(f: ActionField, id: string) {
  const req = f.required ? html` required aria-required="true"` : '';
  switch (f.type) {
    case 'textarea':
      return html`<textarea id="${id}" name="${f.name}" rows="3" maxlength="2000"${req}>${f.value ?? ''}</textarea>`;
    case 'select':
      return html`<select id="${id}" name="${f.name}"${req}><option value="">请选择</option>${(f.options ?? []).map(
        (o) => html`<option value="${o.value}"${o.value === f.value ? html` selected` : ''}>${o.label}</option>`,
      )}</select>`;
    case 'file':
      return html`<input id="${id}" name="${f.name}" type="file" accept="${f.accept ?? ''}" data-max-bytes="${f.maxBytes ?? 0}"${req}>`;
    case 'number':
      return html`<input id="${id}" name="${f.name}" type="number" inputmode="decimal" min="${f.min ?? ''}" max="${f.max ?? ''}" step="${f.step ?? 'any'}" value="${f.value ?? ''}"${req}>`;
    default:
      return html`<input id="${id}" name="${f.name}" type="${f.type}" value="${f.value ?? ''}" autocomplete="off"${req}>`;
  }
}

/** One action as a form: labelled fields, the error line, one button per outcome (确认 / 有异议). */
export function actionForm(a: PlacementAction, scope = '') {
  const base = `${a.id}${scope ? `-${scope}` : ''}`;
  return html`<form class="pform" id="form-${base}" data-placement-form data-url="${a.url}" data-method="${a.method ?? 'POST'}" data-encoding="${a.encoding ?? 'json'}" aria-label="${a.title}" novalidate>
  ${a.note ? html`<p class="muted field wide">${a.note}</p>` : ''}
  ${a.fields.map((f) => {
    const id = `${base}-${f.name}`;
    return html`<div class="field${f.type === 'textarea' || f.type === 'file' ? ' wide' : ''}">
    <label for="${id}">${f.label}${f.required ? '' : html`<span class="muted">（选填）</span>`}</label>
    ${fieldControl(f, id)}
    ${f.hint ? html`<span class="muted">${f.hint}</span>` : ''}
  </div>`;
  })}
  <div class="action-row">${a.buttons.map(
    (b) =>
      html`<button type="submit" class="${b.kind ?? 'primary'}"${b.name ? html` name="${b.name}" value="${b.value ?? ''}"` : ''} data-success="${b.success}">${b.label}</button>`,
  )}</div>
  <p class="form-error" role="alert"></p>
</form>`;
}

/** The actions of the page's viewer, each in its own titled block. */
export function actionSections(actions: readonly PlacementAction[]) {
  if (!actions.length) return '';
  return html`<section class="card" aria-labelledby="actions-h">
  <h2 id="actions-h">可办理的事项</h2>
  ${actions.map((a) => html`<div class="action" id="action-${a.id}"><h3>${a.title}</h3>${actionForm(a)}</div>`)}
</section>`;
}

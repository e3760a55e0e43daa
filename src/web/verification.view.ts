import { DEGREES, TITLE_LEVELS } from '../intake/common.schema';
import { factLabel, factList } from '../intake/fact-labels';
import type { RankedCandidate, UnknownFlag } from '../ranking/ranking.schema';
import type { DemandReview, EnterpriseCheck, NamedCheck, RuleLine } from '../review/review.schema';
import { ENTERABLE_FACTS } from '../review/verification.service';
import { formatScore } from './format';
import { html, type SafeHtml } from './html';

// The county page's view of current verdicts: the enterprise and demand rules, each candidate the enterprise
// named, and the run's 待核实 candidates, with the form that resolves an unknown (enter the fact, or record a
// verdict with a reason). app.js posts the forms to /v1/runs/:runId/demands/:demandId/verifications.

const STATUS_LABELS = { eligible: '符合', review: '需复核', unknown: '待核实', ineligible: '不符合' } as const;
const OUTCOME_LABELS = { pass: '符合', fail: '不符合', relaxed: '放宽', unknown: '待核实', not_applicable: '未评估' } as const;

const clause = (l: { clause: { document: string; article: string } }) => html`<cite>《${l.clause.document}》${l.clause.article}</cite>`;

export const statusTag = (status: keyof typeof STATUS_LABELS) => html`<span class="badge check-${status}">${STATUS_LABELS[status]}</span>`;

type Subject = { kind: 'expert' | 'enterprise' | 'demand'; id: string };

/** Who a rule's missing facts belong to: the record path's first segment names the record. */
function subjectOf(missing: readonly string[] | undefined, d: DemandReview, expertId?: string): Subject | undefined {
  const kind = missing?.[0]?.split('.')[0];
  if (kind === 'expert' && expertId) return { kind, id: expertId };
  if (kind === 'enterprise') return { kind, id: d.enterprise.creditCode };
  if (kind === 'demand') return { kind, id: d.demandId };
  return undefined;
}

function factInput(path: string, id: string): SafeHtml {
  const kind = ENTERABLE_FACTS[path];
  const name = `fact:${path}`;
  if (kind === 'title' || kind === 'degree') {
    const options = kind === 'title' ? TITLE_LEVELS : DEGREES;
    return html`<select id="${id}" name="${name}"><option value="">请选择</option>${options.map((o) => html`<option value="${o}">${o}</option>`)}</select>`;
  }
  if (kind === 'boolean') return html`<select id="${id}" name="${name}"><option value="">请选择</option><option value="true">是</option><option value="false">否</option></select>`;
  if (kind === 'date') return html`<input id="${id}" name="${name}" type="date" autocomplete="off">`;
  if (kind === 'count' || kind === 'amount')
    return html`<input id="${id}" name="${name}" type="number" min="0" step="${kind === 'count' ? '1' : 'any'}" inputmode="decimal" autocomplete="off">`;
  return html`<input id="${id}" name="${name}" inputmode="numeric" pattern="\\d{6}" maxlength="6" placeholder="6 位行政区划代码" autocomplete="off">`;
}

/** The resolve form of one unknown rule for one subject; without the right to decide, only what is missing. */
function resolveForm(d: DemandReview, rule: { ruleId: string; message: string; missing?: string[] }, subject: Subject | undefined, canDecide: boolean) {
  const missing = rule.missing ?? [];
  // The rule's message already names what is missing; without the right to decide there is nothing to add.
  if (!canDecide || !subject) return '';
  const key = `${d.demandId}-${subject.kind}-${subject.id}-${rule.ruleId}`.replace(/[^\w-]/g, '_');
  const enterable = missing.filter((m) => m in ENTERABLE_FACTS && m.startsWith(`${subject.kind}.`));
  return html`<details class="resolve"><summary>核实此条件（补录或记录结论）</summary>
  <form class="verify" data-verify data-demand="${d.demandId}" data-subject="${subject.kind}" data-subject-id="${subject.id}" data-rule="${rule.ruleId}"
    aria-label="核实 ${rule.ruleId}（${subject.id}）">
    ${
      enterable.length
        ? html`<fieldset><legend>补录缺少的信息（写入档案）</legend>
      ${enterable.map((m, i) => html`<label for="f-${key}-${i}">${factLabel(m)}</label>${factInput(m, `f-${key}-${i}`)}`)}
      <button type="submit" class="secondary" data-verify-mode="facts">保存补录信息</button></fieldset>`
        : ''
    }
    <fieldset><legend>或记录核实结论</legend>
      <label for="v-${key}">核实结论</label>
      <select id="v-${key}" name="verdict"><option value="">请选择</option><option value="pass">符合</option><option value="fail">不符合</option></select>
      <label for="r-${key}">理由（必填）</label>
      <input id="r-${key}" name="reason" maxlength="1000" autocomplete="off">
      <button type="submit" class="secondary" data-verify-mode="verdict">记录核实结论</button>
    </fieldset>
  </form></details>`;
}

function ruleItem(d: DemandReview, l: RuleLine, canDecide: boolean, expertId?: string) {
  // A verified line's message already says who verified it, when and why.
  return html`<li class="outcome-${l.outcome}"><span class="badge outcome-${l.outcome}">${l.effect === 'soft' ? '优先·' : ''}${OUTCOME_LABELS[l.outcome]}</span>
    ${l.message} ${clause(l)}
    ${l.outcome === 'unknown' && l.effect === 'hard' ? resolveForm(d, l, subjectOf(l.missing, d, expertId), canDecide) : ''}</li>`;
}

/** The enterprise's and demand's own rules now: anything not a plain pass, with the passes folded away. */
export function enterpriseCheckBlock(d: DemandReview, check: EnterpriseCheck | null, canDecide: boolean) {
  if (!check) return '';
  return html`<div class="checks" aria-label="企业与需求资格核验">
    <p>企业与需求核验 ${statusTag(check.status)}${check.missing.length ? html` <span class="muted">缺少${factList(check.missing)}</span>` : ''}</p>
    ${check.lines.length ? html`<ul class="rule-lines">${check.lines.map((l) => ruleItem(d, l, canDecide))}</ul>` : ''}
    ${
      check.passed.length
        ? html`<details><summary>其余 ${check.passed.length} 项条件均符合</summary>
      <ul class="rule-lines">${check.passed.map((l) => ruleItem(d, l, false))}</ul></details>`
        : ''
    }
  </div>`;
}

/** Each candidate the enterprise named, as the rules see the pair now (excluded, 待核实, relaxed or eligible). */
export function namedChecksBlock(d: DemandReview, named: NamedCheck[], canDecide: boolean) {
  if (!named.length) return '';
  return html`<div class="checks named-checks" aria-label="企业指定专家的资格核验">${named.map(
    (n) => html`
    <p>企业指定：<strong>${n.name}</strong> <span class="muted">${n.expertId}${n.agreed ? ' · 已协商一致' : ' · 未协商'}</span> ${statusTag(n.status)}</p>
    ${n.lines.length ? html`<ul class="rule-lines">${n.lines.map((l) => ruleItem(d, l, canDecide, n.expertId))}</ul>` : ''}
    ${
      n.passed.length
        ? html`<details><summary>${n.lines.length ? `其余 ${n.passed.length} 项条件均符合` : `全部 ${n.passed.length} 项条件均符合`}</summary>
      <ul class="rule-lines">${n.passed.map((l) => ruleItem(d, l, false, n.expertId))}</ul></details>`
        : ''
    }`,
  )}
  </div>`;
}

function pendingItem(d: DemandReview, c: RankedCandidate, canDecide: boolean) {
  const unknown: UnknownFlag[] = c.unknown ?? [];
  // The enterprise's or demand's own unknowns are the same for every candidate: resolved once, in the left column.
  const own = unknown.filter((u) => u.missing.some((m) => m.startsWith('expert.')));
  const shared = unknown.filter((u) => !own.includes(u));
  return html`<li><strong>${c.name}</strong> <span class="muted">${c.expertId} · ${c.institution} · 得分 ${formatScore(c.score)}</span>
    ${
      own.length
        ? html`<ul class="rule-lines">${own.map(
            (u) => html`<li class="outcome-unknown"><span class="badge outcome-unknown">待核实</span> ${u.message} ${clause(u)}
      ${resolveForm(d, u, subjectOf(u.missing, d, c.expertId), canDecide)}</li>`,
          )}</ul>`
        : ''
    }
    ${shared.length ? html`<p class="muted">企业或需求的条件待核实（${shared.map((u) => u.ruleId).join('、')}），见“企业与需求核验”</p>` : ''}
    ${
      canDecide
        ? html`<button type="button" class="secondary" data-action="swap" data-demand="${d.demandId}" data-expert="${c.expertId}"
      aria-label="核实后将${d.enterprise.name}的推荐专家替换为${c.name}">核实后替换为此专家</button>`
        : ''
    }</li>`;
}

/** The run's 待核实 candidates of one demand, apart from the proposal and the alternates. */
export function pendingBlock(d: DemandReview, canDecide: boolean) {
  if (!d.pending.length) return '';
  return html`<details class="pending" open><summary>待核实的专家（${d.pending.length}）：有条件因缺少信息无法判断，核实前不推荐</summary>
    <ul>${d.pending.map((c) => pendingItem(d, c, canDecide))}</ul></details>`;
}

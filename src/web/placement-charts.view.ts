import { html, type SafeHtml } from './html';

// Inline SVG charts for the placement dashboards (no script, no chart library), as the seat chart is. The
// viewBox is narrow (400 units) so a 390 px phone shows 14-unit text at about 11.5 px, and CSS caps the
// width on a desktop; every chart's <desc> and the table beside it carry the same numbers for screen readers.

export type ChartSeries = { key: string; label: string; cls: string };
export type StackedRow = { label: string; values: Readonly<Record<string, number>> };
export type TargetRow = { label: string; actual: number; target: number | null; unit: string };

const WIDTH = 400;
const LABEL_W = 100;
const VALUE_W = 48;
const BAR_MAX = WIDTH - LABEL_W - VALUE_W;

const scaled = (n: number, max: number) => Math.max(n > 0 ? 2 : 0, Math.round((n / Math.max(1, max)) * BAR_MAX));

/** Splits a label that is too long for the label column into two lines (6 CJK characters each). */
function labelLines(label: string): string[] {
  const chars = [...label];
  return chars.length <= 6 ? [label] : [chars.slice(0, 6).join(''), chars.slice(6, 12).join('') + (chars.length > 12 ? '…' : '')];
}

function legend(series: readonly ChartSeries[]) {
  let x = LABEL_W;
  return html`<g class="legend" aria-hidden="true">${series.map((s) => {
    const at = x;
    x += 28 + [...s.label].length * 14;
    return html`<rect x="${at}" y="4" width="14" height="12" class="${s.cls}"></rect><text x="${at + 18}" y="15">${s.label}</text>`;
  })}</g>`;
}

function rowLabel(label: string, y: number) {
  const lines = labelLines(label);
  return html`<text x="${LABEL_W - 8}" y="${lines.length === 1 ? y : y - 8}" text-anchor="end" class="chart-label">${lines.map(
    (l, i) => html`<tspan x="${LABEL_W - 8}" dy="${i === 0 ? 0 : 16}">${l}</tspan>`,
  )}</text>`;
}

/** One horizontal bar per row, its segments stacked in series order (placements by state, service time per county). */
export function stackedBarChart(o: { id: string; title: string; caption: string; series: readonly ChartSeries[]; rows: readonly StackedRow[]; unit: string }): SafeHtml {
  const totals = o.rows.map((r) => o.series.reduce((n, s) => n + (r.values[s.key] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const rowH = 34;
  const top = 30;
  const height = top + Math.max(1, o.rows.length) * rowH + 4;
  const desc = o.rows.map((r, i) => `${r.label}：${o.series.map((s) => `${s.label} ${r.values[s.key] ?? 0}`).join('，')}，合计 ${totals[i]} ${o.unit}`).join('；');
  return html`<figure class="chart pchart" id="${o.id}">
<svg role="img" aria-labelledby="${o.id}-title ${o.id}-desc" viewBox="0 0 ${WIDTH} ${height}" width="100%" preserveAspectRatio="xMinYMin meet">
  <title id="${o.id}-title">${o.title}</title>
  <desc id="${o.id}-desc">${desc || '暂无数据'}</desc>
  ${legend(o.series)}
  ${o.rows.map((r, k) => {
    const y = top + k * rowH;
    let x = LABEL_W;
    const segments = o.series.map((s) => {
      const w = (r.values[s.key] ?? 0) > 0 ? scaled(r.values[s.key], max) : 0;
      const at = x;
      x += w;
      return w ? html`<rect x="${at}" y="${y}" width="${w}" height="20" class="${s.cls}"></rect>` : '';
    });
    return html`<g aria-hidden="true">${rowLabel(r.label, y + 15)}${segments}<text x="${x + 6}" y="${y + 15}" class="chart-value">${totals[k]}</text></g>`;
  })}
</svg>
<figcaption>${o.caption}</figcaption>
</figure>`;
}

const percent = (actual: number, target: number | null) => (target ? Math.round((actual / target) * 100) : null);

/** Each row's actual figure as a bar against its target (a dark tick and a pale bar to it): outcomes vs targets. */
export function targetChart(o: { id: string; title: string; caption: string; rows: readonly TargetRow[] }): SafeHtml {
  const rowH = 34;
  const top = 30;
  const height = top + Math.max(1, o.rows.length) * rowH + 4;
  const desc = o.rows
    .map((r) => `${r.label}：完成 ${r.actual} ${r.unit}${r.target === null ? '（无目标）' : `，目标 ${r.target} ${r.unit}，完成 ${percent(r.actual, r.target)}%`}`)
    .join('；');
  return html`<figure class="chart pchart" id="${o.id}">
<svg role="img" aria-labelledby="${o.id}-title ${o.id}-desc" viewBox="0 0 ${WIDTH} ${height}" width="100%" preserveAspectRatio="xMinYMin meet">
  <title id="${o.id}-title">${o.title}</title>
  <desc id="${o.id}-desc">${desc || '暂无数据'}</desc>
  ${legend([
    { key: 'actual', label: '已完成', cls: 'bar-actual' },
    { key: 'target', label: '目标', cls: 'bar-target' },
  ])}
  ${o.rows.map((r, k) => {
    const y = top + k * rowH;
    // Each row on its own scale (the target is 100 %; past it the bar stops at 125 %), so small and large metrics read alike.
    const max = r.target ? r.target * 1.25 : Math.max(1, r.actual);
    const done = scaled(Math.min(r.actual, max), max);
    const goal = r.target ? scaled(r.target, max) : 0;
    const p = percent(r.actual, r.target);
    return html`<g aria-hidden="true">${rowLabel(r.label, y + 15)}
    ${goal ? html`<rect x="${LABEL_W}" y="${y}" width="${goal}" height="20" class="bar-target"></rect>` : ''}
    <rect x="${LABEL_W}" y="${y + 4}" width="${done}" height="12" class="${p !== null && p >= 100 ? 'bar-actual met' : 'bar-actual'}"></rect>
    ${goal ? html`<rect x="${LABEL_W + goal - 1}" y="${y - 3}" width="2" height="26" class="target-tick"></rect>` : ''}
    <text x="${LABEL_W + Math.max(done, goal) + 6}" y="${y + 15}" class="chart-value">${p === null ? String(r.actual) : `${p}%`}</text></g>`;
  })}
</svg>
<figcaption>${o.caption}</figcaption>
</figure>`;
}

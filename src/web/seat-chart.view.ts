import type { RegionSummary } from '../review/review.schema';
import { html } from './html';

/**
 * Seats vs demands per region as inline SVG bars (no script, no library). The <desc> and the region
 * table next to it carry the same numbers for screen readers.
 */
export function seatChart(items: RegionSummary[]) {
  const max = Math.max(1, ...items.flatMap((i) => [i.demands, i.seats]));
  const labelW = 96;
  const barMax = 540;
  const rowH = 38;
  const barH = 13;
  const top = 34;
  const width = labelW + barMax + 56;
  const height = top + items.length * rowH + 6;
  const w = (n: number) => Math.max(n > 0 ? 2 : 0, Math.round((n / max) * barMax));
  const desc = items.map((i) => `${i.name}：需求 ${i.demands} 条，名额 ${i.seats} 个，已分配 ${i.assigned} 个`).join('；');
  return html`<figure class="chart">
<svg role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet">
  <title id="chart-title">各区县名额与需求数</title>
  <desc id="chart-desc">${desc}</desc>
  <g class="legend" aria-hidden="true">
    <rect x="${labelW}" y="6" width="14" height="12" class="bar-demands"></rect><text x="${labelW + 20}" y="16">需求数</text>
    <rect x="${labelW + 90}" y="6" width="14" height="12" class="bar-seats"></rect><text x="${labelW + 110}" y="16">名额</text>
    <rect x="${labelW + 166}" y="6" width="14" height="12" class="bar-assigned"></rect><text x="${labelW + 186}" y="16">已分配</text>
  </g>
  ${items.map((i, k) => {
    const y = top + k * rowH;
    return html`<g aria-hidden="true">
    <text x="${labelW - 8}" y="${y + barH + 4}" text-anchor="end" class="chart-label">${i.name}</text>
    <rect x="${labelW}" y="${y}" width="${w(i.demands)}" height="${barH}" class="bar-demands"></rect>
    <text x="${labelW + w(i.demands) + 6}" y="${y + barH - 2}" class="chart-value">${i.demands}</text>
    <rect x="${labelW}" y="${y + barH + 2}" width="${w(i.seats)}" height="${barH}" class="bar-seats"></rect>
    <rect x="${labelW}" y="${y + barH + 2 + Math.round(barH / 4)}" width="${w(i.assigned)}" height="${Math.round(barH / 2)}" class="bar-assigned"></rect>
    <text x="${labelW + w(i.seats) + 6}" y="${y + 2 * barH}" class="chart-value">${i.seats}</text>
  </g>`;
  })}
</svg>
<figcaption>各区县需求数与名额（名额按本批次的分配方式以最大余数法分配；标“共用”的区县与同一名额单位的其他区县共用名额）；橙色细条为审核后已分配的名额。具体数字见下表。</figcaption>
</figure>`;
}

import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { formatCount } from '../../format/quantity.js';
import type { ResultFlag } from '../../model/results.js';
import { chartScale, tickLabel, type Trend, type TrendPoint } from '../../model/trends.js';
import { renderFlag, renderStatus } from './result-status.js';

/** The chart's drawing box (SVG user units; the SVG scales to the width it is given). */
const WIDTH = 480;
const HEIGHT = 180;
const LEFT = 52;
const RIGHT = 16;
const TOP = 12;
const BOTTOM = 30;

type Marker = 'circle' | 'square' | 'up' | 'down' | 'diamond';

const UP = new Set(['H', 'HH', 'HU', '>', 'above']);
const DOWN = new Set(['L', 'LL', 'LU', '<', 'below']);

/** A point's shape: flagged points by direction (never by colour alone), the rest by line. */
function markerOf(flag: ResultFlag | undefined, line: number): Marker {
  if (flag && UP.has(flag.code)) return 'up';
  if (flag && DOWN.has(flag.code)) return 'down';
  if (flag) return 'diamond';
  return line === 0 ? 'circle' : 'square';
}

/** `r`: the marker's radius, smaller when many points share the line. */
function drawMarker(marker: Marker, x: number, y: number, r = 4.5): SVGTemplateResult {
  switch (marker) {
    case 'square':
      return svg`<rect class="marker" x=${x - r} y=${y - r} width=${r * 2} height=${r * 2}></rect>`;
    case 'up':
      return svg`<path class="marker marker--flag" d="M${x} ${y - r - 2}L${x + r + 1.5} ${y + r}H${x - r - 1.5}Z"></path>`;
    case 'down':
      return svg`<path class="marker marker--flag" d="M${x} ${y + r + 2}L${x + r + 1.5} ${y - r}H${x - r - 1.5}Z"></path>`;
    case 'diamond':
      return svg`<path class="marker marker--flag" d="M${x} ${y - r - 1.5}L${x + r + 1.5} ${y}L${x} ${y + r + 1.5}L${x - r - 1.5} ${y}Z"></path>`;
    default:
      return svg`<circle class="marker" cx=${x} cy=${y} r=${r}></circle>`;
  }
}

const LEGEND: Record<Marker, () => string> = {
  circle: () => msg('Value'),
  square: () => msg('Value (second line)'),
  up: () => msg('High or above range'),
  down: () => msg('Low or below range'),
  diamond: () => msg('Other flag'),
};

/** The date part of a `05-Jan-2024 14:05` display. */
const dayOf = (display: string | undefined) => display?.split(' ')[0] ?? '';

/** The chart's words, for assistive technology: what it shows, over when, and the latest value. */
function chartLabel(trend: Trend, first: string, last: string): string {
  const latest = trend.rows.find((row) => trend.series.some((s) => s.points.some((p) => p.key === row.key)));
  const values = trend.series.reduce((n, s) => Math.max(n, s.points.length), 0);
  const parts = [
    msg(str`Chart of ${trend.name}: ${formatCount(values)} values from ${first} to ${last}.`),
    latest ? msg(str`Latest ${latest.value}${latest.flag ? `, ${latest.flag.label}` : ''}.`) : '',
    trend.band ? msg(str`Shaded band: reference range ${trend.band.display}.`) : '',
  ];
  return parts.filter(Boolean).join(' ');
}

function renderChart(trend: Trend): TemplateResult {
  const points = trend.series.flatMap((s) => s.points);
  const scale = chartScale(
    points.map((p) => p.value),
    trend.band,
  );
  const times = points.map((p) => p.at);
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const x = (at: number) => (t1 === t0 ? LEFT + plotWidth / 2 : LEFT + ((at - t0) / (t1 - t0)) * plotWidth);
  const y = (value: number) => TOP + (1 - (value - scale.min) / (scale.max - scale.min)) * plotHeight;
  const dateOf = (point: TrendPoint | undefined) =>
    dayOf(trend.rows.find((row) => row.key === point?.key)?.date?.display);
  const first = dateOf(points.find((p) => p.at === t0));
  const last = dateOf(points.find((p) => p.at === t1));
  const band = trend.band;
  const bandTop = y(Math.min(band?.high ?? scale.max, scale.max));
  const bandBottom = y(Math.max(band?.low ?? scale.min, scale.min));
  const used = new Set<Marker>();
  const radius = points.length > 40 ? 2.5 : 4.5;
  const lines = trend.series.map((series, line) => {
    const path = series.points.map((p) => `${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
    const markers = series.points.map((p) => {
      const marker = markerOf(p.flag, line);
      used.add(marker);
      return drawMarker(marker, x(p.at), y(p.value), radius);
    });
    return svg`<g class="line line--${line}"><polyline points=${path}></polyline>${markers}</g>`;
  });
  return html`<svg
      class="chart"
      viewBox="0 0 ${WIDTH} ${HEIGHT}"
      role="img"
      aria-label=${chartLabel(trend, first, last)}
      focusable="false"
    >
      ${band ? svg`<rect class="band" x=${LEFT} y=${bandTop} width=${plotWidth} height=${Math.max(0, bandBottom - bandTop)}></rect>` : nothing}
      ${scale.ticks.map(
        (tick) => svg`<line class="grid" x1=${LEFT} x2=${WIDTH - RIGHT} y1=${y(tick)} y2=${y(tick)}></line>
          <text class="axis" x=${LEFT - 6} y=${y(tick) + 4} text-anchor="end">${tickLabel(tick)}</text>`,
      )}
      <text class="axis" x=${LEFT} y=${HEIGHT - 8} text-anchor="start">${first}</text>
      ${t1 !== t0 ? svg`<text class="axis" x=${WIDTH - RIGHT} y=${HEIGHT - 8} text-anchor="end">${last}</text>` : nothing}
      ${lines}
    </svg>
    <ul class="legend" aria-hidden="true">
      ${trend.unit ? html`<li>${msg(str`Values in ${trend.unit}`)}</li>` : nothing}
      ${trend.series.length > 1 ? trend.series.map((s, line) => html`<li>${glyph(line === 0 ? 'circle' : 'square')} ${s.label}</li>`) : nothing}
      ${[...used]
        .filter((marker) => trend.series.length === 1 || !['circle', 'square'].includes(marker))
        .map((marker) => html`<li>${glyph(marker)} ${LEGEND[marker]()}</li>`)}
      ${band ? html`<li><span class="legend__band"></span> ${msg(str`Reference range ${band.display}`)}</li>` : nothing}
    </ul>`;
}

const glyph = (marker: Marker) =>
  html`<svg class="glyph" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
    ${drawMarker(marker, 7, 7.5)}
  </svg>`;

/**
 * A test's trend: the chart (when two or more values share a unit) and every value in a table,
 * newest first, which is what a screen reader reads and what anyone can check the chart against.
 */
export function renderTrend(trend: Trend, id: string): TemplateResult {
  const count = formatCount(trend.rows.length);
  // A click in the trend (reading the chart, scrolling the table) is not a choice of the row.
  return html`<div
    data-own-clicks
    class="trend"
    part="trend"
    id=${id}
    role="group"
    aria-labelledby="${id}-title"
  >
    <p class="trend__title" id="${id}-title">${msg(str`${trend.name}: ${count} results over time`)}</p>
    ${
      trend.series.length > 0
        ? renderChart(trend)
        : html`<p class="note">
            ${msg('Too few values in one unit to draw a chart: every value is in the table.')}
          </p>`
    }
    ${
      trend.series.length > 0 && trend.notPlotted > 0
        ? html`<p class="note">
            ${msg(str`${trend.notPlotted} of these results are in the table but not on the chart (another unit, a value such as <5, words, or no date).`)}
          </p>`
        : nothing
    }
    <div class="trend__values" tabindex="0" role="region" aria-label=${msg(str`Every ${trend.name} result`)}>
      <table class="trend__table">
        <caption class="visually-hidden">
          ${msg(str`Every ${trend.name} result, newest first`)}
        </caption>
        <thead>
          <tr>
            <th scope="col">${msg('Date')}</th>
            <th scope="col">${msg('Result')}</th>
            <th scope="col">${msg('Flag')}</th>
            <th scope="col">${msg('Reference range')}</th>
            <th scope="col">${msg('Status')}</th>
          </tr>
        </thead>
        <tbody>
          ${trend.rows.map(
            (row) =>
              html`<tr>
                <th scope="row">${row.date?.display ?? msg('Date not known')}</th>
                <td>${row.value}</td>
                <td>${renderFlag(row.flag)}</td>
                <td>${row.range ?? nothing}</td>
                <td>${renderStatus(row.status, row.statusLabel)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </div>`;
}

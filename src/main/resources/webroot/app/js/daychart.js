// A chart of daily figures, drawn by this page as SVG (no chart library): a line per series with
// a point per day, the y axis in round steps, the x axis labelled as often as the width allows,
// and a legend. It is drawn at the width it is given and drawn again when that changes (a
// ResizeObserver), so that its text keeps its size on a phone instead of shrinking with the
// drawing. Each day is also a column whose tooltip lists its figures.

import { h } from './dom.js';
import { shortDate } from './dates.js';

const NS = 'http://www.w3.org/2000/svg';
const MARGIN = { top: 12, right: 16, bottom: 30 };
const PX_PER_LABEL = 70; // room for "Dec 30" and a gap
const DIGIT_PX = 8;

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, value);
  }
  element.append(...children.flat());
  return element;
}

/**
 * days: [{date, <key>: number, ...}] oldest first; series: [{key, label}]; label: what the chart
 * shows, for screen readers (which also get the figures as a table, next to it).
 */
export function dayChart({ days, series, label }) {
  const area = h('div', { class: 'chart-area' });
  let drawnWidth = 0;
  new ResizeObserver(() => {
    const width = Math.floor(area.clientWidth);
    if (width > 0 && width !== drawnWidth) {
      drawnWidth = width;
      area.replaceChildren(drawing(days, series, label, width));
    }
  }).observe(area);
  return h('figure', { class: 'day-chart' }, area, legend(days, series));
}

/** A step of 1, 2 or 5 times a power of ten that divides 0..max into at most four parts, and the top it reaches. */
function scale(max) {
  if (max <= 0) {
    return { step: 1, top: 4 };
  }
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map(m => m * power).find(s => s >= rough);
  const whole = Math.max(1, step);
  return { step: whole, top: whole * Math.ceil(max / whole) };
}

function drawing(days, series, label, width) {
  const height = Math.round(Math.min(320, Math.max(200, width * 0.42)));
  const max = Math.max(0, ...days.flatMap(day => series.map(s => day[s.key])));
  const { step, top } = scale(max);
  const left = 12 + DIGIT_PX * top.toLocaleString().length;
  const plotWidth = width - left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const x = i => left + (days.length === 1 ? plotWidth / 2 : (i * plotWidth) / (days.length - 1));
  const y = value => MARGIN.top + plotHeight - (value / top) * plotHeight;

  const grid = [];
  for (let value = 0; value <= top; value += step) {
    grid.push(svg('line', { class: value === 0 ? 'axis' : 'grid', x1: left, x2: left + plotWidth, y1: y(value), y2: y(value) }),
      svg('text', { class: 'tick', x: left - 6, y: y(value) + 4, 'text-anchor': 'end' }, value.toLocaleString()));
  }
  // Labels every `every` days, counted back from today (the last day), so that today always has one.
  const every = Math.ceil(days.length / Math.max(1, Math.floor(plotWidth / PX_PER_LABEL)));
  const labels = days.map((day, i) => (days.length - 1 - i) % every !== 0 ? null
    : svg('text', {
      class: 'tick day-label', x: x(i), y: height - 8,
      'text-anchor': days.length > 1 && i === 0 ? 'start' : i === days.length - 1 && days.length > 1 ? 'end' : 'middle',
    }, shortDate(day.date)));
  const column = plotWidth / Math.max(1, days.length - 1);
  const columns = days.map((day, i) => svg('rect', {
    class: 'day', 'data-date': day.date, x: x(i) - column / 2, y: MARGIN.top, width: column, height: plotHeight,
  }, svg('title', {}, `${shortDate(day.date)}: ${series.map(s => `${day[s.key]} ${s.label.toLowerCase()}`).join(', ')}`)));
  const lines = series.map(s => svg('g', { class: `series series-${s.key}`, 'data-series': s.key },
    svg('polyline', { class: 'line', points: days.map((day, i) => `${x(i)},${y(day[s.key])}`).join(' ') }),
    days.map((day, i) => svg('circle', { class: 'point', cx: x(i), cy: y(day[s.key]), r: 3, 'data-date': day.date,
      'data-value': day[s.key] }))));
  return svg('svg', { class: 'chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label },
    ...grid, ...labels.filter(Boolean), ...columns, ...lines);
}

function legend(days, series) {
  return h('ul', { class: 'legend' }, series.map(s => h('li', { 'data-series': s.key },
    h('span', { class: `swatch series-${s.key}`, 'aria-hidden': 'true' }),
    `${s.label}: `, h('strong', {}, days.reduce((sum, day) => sum + day[s.key], 0).toLocaleString()),
    ` in ${days.length} days`)));
}

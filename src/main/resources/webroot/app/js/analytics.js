// A bot's figures: its subscribers now (by status), its last 30 days as a chart drawn by the page
// (daychart.js) with the same figures as a table, and who came by which deep link and who
// carries which tag. The numbers are the API's, as the update engine counts them with the work.

import * as api from './api.js';
import { h, busy } from './dom.js';
import { dayChart } from './daychart.js';
import { shortDate } from './dates.js';

const DAYS = 30;
const SERIES = [
  { key: 'updates', label: 'Updates' },
  { key: 'replies', label: 'Replies' },
  { key: 'new_subscribers', label: 'New subscribers' },
];
const COLUMNS = [...SERIES, { key: 'messages_sent', label: 'Messages sent' }, { key: 'blocked', label: 'Blocked' },
  { key: 'unsubscribed', label: 'Unsubscribed' }];
const TOTALS = [['subscribers', 'Subscribers'], ['active', 'Active'], ['blocked', 'Blocked the bot'], ['unsubscribed', 'Unsubscribed']];

export function analyticsSection(bot) {
  const content = h('div', { 'aria-live': 'polite', 'aria-busy': 'true' }, h('p', {}, 'Loading the figures…'));
  const refresh = h('button', { type: 'button', class: 'secondary' }, 'Refresh');
  const load = () => busy(refresh, async () => {
    content.setAttribute('aria-busy', 'true');
    try {
      content.replaceChildren(...figures(await api.getStats(bot.id, DAYS)));
    } catch (error) {
      content.replaceChildren(h('p', { class: 'alert', role: 'alert' }, error.message));
    } finally {
      content.removeAttribute('aria-busy');
    }
  });
  refresh.addEventListener('click', load);
  load();
  return h('div', { class: 'card analytics' },
    h('h2', {}, 'Analytics'),
    h('p', { class: 'hint' }, `The last ${DAYS} days, in UTC days, today included.`),
    content,
    h('div', { class: 'actions' }, refresh));
}

function figures(stats) {
  return [
    h('dl', { class: 'totals' }, TOTALS.map(([key, label]) => h('div', { class: 'total' },
      h('dt', {}, label), h('dd', { 'data-total': key }, stats.totals[key].toLocaleString())))),
    h('h3', {}, 'Day by day'),
    dayChart({ days: stats.days, series: SERIES, label: `Updates, replies and new subscribers on each of the last ${DAYS} days` }),
    h('details', { class: 'day-table' },
      h('summary', {}, 'The figures as a table'),
      h('div', { class: 'table-scroll' }, h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'), COLUMNS.map(c => h('th', { scope: 'col' }, c.label)))),
        h('tbody', {}, stats.days.map(day => h('tr', { 'data-date': day.date },
          h('th', { scope: 'row' }, shortDate(day.date)), COLUMNS.map(c => h('td', {}, day[c.key].toLocaleString())))))))),
    h('div', { class: 'breakdowns' },
      breakdown('By source', 'by-source', 'Source', stats.by_source, stats.totals.subscribers,
        'Nobody came by a deep link yet. A link t.me/<bot>?start=<source> names where a subscriber came from.'),
      breakdown('By tag', 'by-tag', 'Tag', stats.by_tag, stats.totals.subscribers,
        'No tags yet: tag subscribers on the Subscribers tab.')),
  ];
}

/** Subscribers per source or per tag, most first, each with its share of all subscribers. */
function breakdown(title, className, column, counts, total, none) {
  const entries = Object.entries(counts).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  return h('section', { class: `breakdown ${className}` },
    h('h3', {}, title),
    entries.length === 0 ? h('p', { class: 'empty' }, none)
      : h('div', { class: 'table-scroll' }, h('table', {},
        h('thead', {}, h('tr', {}, [column, 'Subscribers', 'Share'].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, entries.map(([name, n]) => h('tr', { 'data-name': name },
          h('th', { scope: 'row', class: 'name' }, name),
          h('td', {}, n.toLocaleString()),
          h('td', {}, h('meter', { min: 0, max: Math.max(total, 1), value: n, 'aria-label': `${name}: ${n} of ${total}` }),
            ` ${total > 0 ? Math.round((100 * n) / total) : 0}%`)))))));
}

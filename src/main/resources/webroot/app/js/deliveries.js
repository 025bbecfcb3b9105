// One endpoint's delivery log (#/bots/<id>/endpoints/<endpoint id>): its deliveries, newest
// first, of one status or all, paged as the API pages them (its Link header keeps the filter);
// each with its attempts, the last answer and error, and its times, and a button that sends it
// again (the retry route). While a delivery on the page is due within a minute, the page is
// asked for again every second, so that the owner sees it go out. Below, the form that sends every
// failed delivery since a time again (replay.js).

import * as api from './api.js';
import { h, uid, busy, announce } from './dom.js';
import { shortTime as time } from './dates.js';
import { pagedList } from './paging.js';
import { replayForm } from './replay.js';

const STATUSES = { pending: ['Pending', 'wait'], delivered: ['Delivered', 'ok'], failed: ['Failed', 'bad'] };
const FOLLOW_MS = 1000;
const SOON_MS = 60000;

export function deliveriesSection(bot, endpointId) {
  const summary = h('div', { class: 'endpoint-summary' }, h('p', {}, 'Loading…'));
  const alert = h('p', { class: 'alert log-alert', role: 'alert', hidden: true });
  const holder = h('div', {});
  const state = { status: '', list: null, timer: null };
  const show = () => {
    const { status } = state;
    state.list = pagedList({
      load: page => api.listDeliveries(bot.id, endpointId, status, page),
      render: (items, first) => {
        follow(items);
        return items.length > 0 ? table(items, retry)
          : h('p', { class: 'empty' }, !first ? 'No more deliveries.'
            : status ? `No ${status} delivery.` : 'No deliveries yet: each event this endpoint takes is delivered and shown here.');
      },
      className: 'table-scroll delivery-list',
      label: 'Pages of deliveries',
      refresh: true,
    });
    holder.replaceChildren(state.list.content, state.list.nav);
  };
  // Asks for the page again while one of its deliveries is due soon, keeping the focus on the row it was on.
  const follow = items => {
    clearTimeout(state.timer);
    const soon = items.some(d => d.status === 'pending' && (!d.next_attempt_at || Date.parse(d.next_attempt_at) < Date.now() + SOON_MS));
    if (!soon) {
      return;
    }
    state.timer = setTimeout(async () => {
      if (!holder.isConnected) {
        return;
      }
      const on = document.activeElement?.closest?.('[data-delivery-id]')?.dataset.deliveryId;
      await state.list.reload();
      if (on) {
        holder.querySelector(`[data-delivery-id="${CSS.escape(on)}"] button`)?.focus();
      }
    }, FOLLOW_MS);
  };
  const retry = (delivery, button) => busy(button, async () => {
    alert.hidden = true;
    try {
      await api.retryDelivery(bot.id, endpointId, delivery.id);
      announce('The delivery is due again: it is sent within seconds.');
      state.list.reload();
    } catch (error) {
      alert.textContent = error.message;
      alert.hidden = false;
    }
  });

  api.getEndpoint(bot.id, endpointId).then(endpoint => summary.replaceChildren(...describe(endpoint)))
    .catch(error => summary.replaceChildren(h('p', { class: 'alert', role: 'alert' }, error.message)));
  show();
  return h('div', {},
    h('p', { class: 'back' }, h('a', { href: `#/bots/${bot.id}/endpoints` }, '← All endpoints')),
    h('section', { class: 'card', 'aria-labelledby': 'deliveries-title' },
      h('h2', { id: 'deliveries-title' }, 'Delivery log'),
      summary,
      statusFilter(status => {
        state.status = status;
        show();
      }),
      alert,
      holder),
    replayForm(bot, endpointId, () => state.list.reload()));
}

function describe(endpoint) {
  const enabled = endpoint.status === 'enabled';
  return [
    h('p', { class: 'endpoint-head' },
      h('span', { class: `badge badge-${enabled ? 'ok' : 'bad'}`, 'data-status': endpoint.status }, enabled ? 'Enabled' : 'Disabled'),
      h('span', { class: 'url' }, endpoint.url)),
    enabled ? null : h('p', { class: 'disabled-reason' }, h('strong', {}, 'Nothing is delivered to this endpoint.'), ' Reason: ',
      h('span', { class: 'reason' }, endpoint.disabled_reason || 'none given'), '. Enable it again on the endpoints tab.'),
  ].filter(Boolean);
}

/** A select that calls `apply(status)` ('' for every status) when it changes. */
function statusFilter(apply) {
  const id = uid('delivery-status');
  const select = h('select', { id, name: 'status' },
    h('option', { value: '' }, 'Every status'),
    Object.entries(STATUSES).map(([value, [label]]) => h('option', { value }, label)));
  select.addEventListener('change', () => apply(select.value));
  return h('div', { class: 'field delivery-filter' }, h('label', { for: id }, 'Show'), select);
}

function table(deliveries, retry) {
  return h('table', { class: 'deliveries-table', 'aria-labelledby': 'deliveries-title' },
    h('thead', {}, h('tr', {}, ['Event', 'Status', 'Attempts', 'Last answer', 'Next or done', ''].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, deliveries.map(d => {
      const [label, kind] = STATUSES[d.status] || [d.status, 'off'];
      const button = h('button', { type: 'button', class: 'secondary small',
        'aria-label': `Send again: ${d.type} of ${new Date(d.created_at).toLocaleString()}` }, 'Send again');
      button.addEventListener('click', () => retry(d, button));
      return h('tr', { 'data-delivery-id': d.id, 'data-status': d.status },
        h('td', { class: 'event-cell' }, h('code', {}, d.type), h('span', { class: 'meta' }, time(d.created_at))),
        h('td', {}, h('span', { class: `badge badge-${kind}`, 'data-status': d.status }, label)),
        h('td', { class: 'attempts', 'data-label': 'Attempts' }, String(d.attempts)),
        h('td', { class: 'answer', 'data-label': 'Last answer' },
          d.last_status_code === null ? (d.attempts === 0 ? 'Not tried yet' : 'No answer') : `HTTP ${d.last_status_code}`,
          d.last_error ? h('span', { class: 'last-error' }, d.last_error) : null),
        h('td', { class: 'when' }, d.status === 'delivered' ? ['Delivered', h('span', { class: 'meta' }, time(d.delivered_at))]
          : d.status === 'pending' ? ['Next attempt', h('span', { class: 'meta' }, time(d.next_attempt_at))] : 'No more attempts'),
        h('td', {}, button));
    })));
}

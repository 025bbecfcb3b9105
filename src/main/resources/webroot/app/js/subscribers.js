// A bot's subscribers (the private chats that wrote to it), oldest first, filtered by status, tag
// and source and paged as the API pages them (its Link header keeps the filters); each one's
// tags, and the tags of the selected ones at once (tags.js); the filtered list as a CSV file.
// The table leaves out when each was first seen (the order says it, the CSV has it): on a 56rem
// page one more date column no longer fits beside the tags.

import * as api from './api.js';
import { h, field, alertBox, showErrors, clearErrors, uid } from './dom.js';
import { shortDay } from './dates.js';
import { pagedList } from './paging.js';
import { downloadButton } from './download.js';
import { tagsCell, bulkTagsForm, displayName } from './tags.js';

const STATUSES = { active: ['Active', 'ok'], blocked: ['Blocked the bot', 'bad'], unsubscribed: ['Unsubscribed', 'off'] };

export function subscribersSection(bot) {
  const state = { filters: {}, selected: new Map(), list: null };
  const holder = h('div', {});
  const bulk = bulkTagsForm(bot, () => [...state.selected.keys()], () => state.list.reload());
  const exportAlert = h('p', { class: 'alert', role: 'alert', hidden: true });
  const filters = filterForm(applied => {
    state.filters = applied;
    show();
  });
  const show = () => {
    const { filters: applied } = state;
    state.list = pagedList({
      load: page => api.listSubscribers(bot.id, applied, page).catch(error => {
        if (error.status === 422) {
          showErrors(filters, error);
        }
        throw error;
      }),
      render: (items, first) => {
        state.selected.clear();
        bulk.update(0);
        return items.length > 0 ? table(bot, items, state, bulk)
          : h('p', { class: 'empty' }, !first ? 'No more subscribers.'
            : Object.keys(applied).length > 0 ? 'No subscriber matches these filters.'
              : 'Nobody has written to this bot yet: each private chat that sends it a message, /start first, is a subscriber.');
      },
      className: 'table-scroll subscriber-list',
      label: 'Pages of subscribers',
      refresh: true,
    });
    holder.replaceChildren(state.list.content, state.list.nav);
  };
  show();
  return h('div', { class: 'card subscribers' },
    h('div', { class: 'card-head' },
      h('h2', { id: 'subscribers-title' }, 'Subscribers'),
      downloadButton('Export CSV', () => api.exportSubscribers(bot.id, state.filters), exportAlert,
        { title: 'Every subscriber that matches the filters, as a spreadsheet file' })),
    exportAlert,
    filters,
    bulk.form,
    holder);
}

/** The filters; `apply({status?, tag?, source?})` with the values given. */
function filterForm(apply) {
  const statusId = uid('status');
  const submit = h('button', { type: 'submit' }, 'Apply filters');
  const form = h('form', { class: 'filters', role: 'search', novalidate: true, 'aria-label': 'Filter the subscribers' },
    alertBox(),
    h('div', { class: 'filter-fields' },
      h('div', { class: 'field' },
        h('label', { for: statusId }, 'Status'),
        h('select', { id: statusId, name: 'status', 'data-loc': 'status', 'aria-describedby': `${statusId}-error` },
          h('option', { value: '' }, 'Any status'),
          Object.entries(STATUSES).map(([value, [label]]) => h('option', { value }, label))),
        h('p', { class: 'field-error', id: `${statusId}-error`, hidden: true })),
      field({ label: 'Tag', name: 'tag', spellcheck: 'false', autocapitalize: 'none' }),
      field({ label: 'Source', name: 'source', hint: null, spellcheck: 'false', autocapitalize: 'none' })),
    h('div', { class: 'actions' }, submit,
      h('button', { type: 'reset', class: 'secondary' }, 'Clear filters')));
  const values = () => Object.fromEntries(['status', 'tag', 'source']
    .map(name => [name, form.elements[name].value.trim()]).filter(([, value]) => value));
  form.addEventListener('submit', event => {
    event.preventDefault();
    clearErrors(form);
    apply(values());
  });
  form.addEventListener('reset', () => {
    clearErrors(form);
    apply({});
  });
  return form;
}

function table(bot, subscribers, state, bulk) {
  const boxes = [];
  const all = h('input', { type: 'checkbox', 'aria-label': 'Select every subscriber on this page' });
  const select = (box, subscriber, on) => {
    box.checked = on;
    if (on) {
      state.selected.set(subscriber.chat_id, subscriber);
    } else {
      state.selected.delete(subscriber.chat_id);
    }
  };
  const changed = () => {
    bulk.update(state.selected.size);
    all.checked = state.selected.size === boxes.length;
    all.indeterminate = state.selected.size > 0 && !all.checked;
  };
  all.addEventListener('change', () => {
    boxes.forEach(([box, subscriber]) => select(box, subscriber, all.checked));
    changed();
  });
  const rows = subscribers.map(subscriber => {
    const box = h('input', { type: 'checkbox', 'aria-label': `Select ${displayName(subscriber)} (chat ${subscriber.chat_id})` });
    box.addEventListener('change', () => {
      select(box, subscriber, box.checked);
      changed();
    });
    boxes.push([box, subscriber]);
    const [label, kind] = STATUSES[subscriber.status] || [subscriber.status, 'off'];
    return h('tr', { 'data-chat-id': String(subscriber.chat_id) },
      h('td', {}, box),
      h('td', { class: 'who-cell' }, h('span', { class: 'name' }, displayName(subscriber)),
        h('span', { class: 'meta' }, [subscriber.username ? `@${subscriber.username} · ` : '', `chat ${subscriber.chat_id}`])),
      h('td', { 'data-label': 'Status' }, h('span', { class: `badge badge-${kind}`, 'data-status': subscriber.status }, label)),
      h('td', { class: 'source', 'data-label': 'Source' }, subscriber.source || '—'),
      h('td', { 'data-label': 'Tags' }, tagsCell(bot, subscriber, () => {})),
      h('td', { 'data-label': 'Last seen' }, shortDay(subscriber.last_seen_at)));
  });
  return h('table', { class: 'subscribers-table', 'aria-labelledby': 'subscribers-title' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, all),
      ['Subscriber', 'Status', 'Source', 'Tags', 'Last seen'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows));
}

// A bot's webhook, live: the state BotFactory keeps and, when Telegram answers in time, what
// Telegram itself reports (updates waiting, its last delivery error).

import * as api from './api.js';
import { h, time, busy } from './dom.js';
import { webhookBadge, webhookDetails } from './badge.js';

export function webhookSection(bot) {
  const content = h('div', { 'aria-live': 'polite' }, h('p', {}, 'Asking Telegram…'));
  const refresh = h('button', { type: 'button', class: 'secondary' }, 'Refresh');
  const load = () => busy(refresh, async () => {
    try {
      content.replaceChildren(view(await api.getWebhook(bot.id)));
    } catch (error) {
      content.replaceChildren(h('p', { class: 'alert', role: 'alert' }, error.message));
    }
  });
  refresh.addEventListener('click', load);
  load();
  return h('div', { class: 'card' }, h('h2', {}, 'Webhook'), content, h('div', { class: 'actions' }, refresh));
}

function view(webhook) {
  const telegram = webhook.telegram;
  return h('div', {},
    h('dl', { class: 'facts' },
      h('dt', {}, 'State'), h('dd', {}, webhookBadge(webhook), webhookDetails(webhook))),
    h('h3', {}, 'As Telegram reports it'),
    telegram
      ? h('dl', { class: 'facts telegram' },
        h('dt', {}, 'Delivers to'), h('dd', { class: 'url' }, telegram.url || 'No webhook set'),
        h('dt', {}, 'Updates waiting'), h('dd', { class: 'pending-updates' }, String(telegram.pending_update_count)),
        h('dt', {}, 'Last delivery error'), h('dd', { class: 'telegram-error' }, telegram.last_error_message
          ? [h('q', {}, telegram.last_error_message), ' (', time(telegram.last_error_date), ')']
          : 'None'))
      : h('p', { class: 'telegram-silent' }, 'Telegram did not answer within 2 seconds, so only BotFactory\'s own view is shown. Try Refresh.'));
}

// The owner's bots, paged as the API pages them, and the form that adds a bot from its
// Telegram token.

import * as api from './api.js';
import { h, field, alertBox, showErrors, clearErrors, busy, announceNext } from './dom.js';
import { webhookBadge } from './badge.js';
import { pagedList } from './paging.js';

export function botsScreen() {
  const bots = pagedList({
    load: page => api.listBots(page),
    render: (items, first) => items.length > 0
      ? h('ul', {}, items.map(botCard))
      : h('p', { class: 'empty' }, first ? 'You have no bots yet. Add one with its token from @BotFather.' : 'No more bots.'),
    className: 'bot-list',
    label: 'Pages of bots',
  });
  return h('section', {},
    h('h1', { tabindex: -1 }, 'Your bots'),
    bots.content,
    bots.nav,
    addBotForm());
}

function botCard(bot) {
  const { webhook } = bot;
  return h('li', { class: 'card bot-card', 'data-bot-id': bot.id },
    h('h2', {}, h('a', { href: `#/bots/${bot.id}` }, bot.name)),
    h('p', { class: 'meta' }, bot.telegram_username ? `@${bot.telegram_username}` : `Telegram bot ${bot.telegram_bot_id}`),
    h('p', { class: 'webhook' }, webhookBadge(webhook),
      webhook.status === 'failing' && webhook.last_error ? [' ', h('span', { class: 'last-error' }, webhook.last_error)] : null,
      webhook.status === 'token_rejected' ? [' ', h('a', { href: `#/bots/${bot.id}` }, 'Replace the token')] : null),
    bot.description ? h('p', { class: 'description' }, bot.description) : null);
}

function addBotForm() {
  const submit = h('button', { type: 'submit' }, 'Add bot');
  const form = h('form', { class: 'card add-bot', novalidate: true, 'aria-labelledby': 'add-bot-title' },
    h('h2', { id: 'add-bot-title' }, 'Add a bot'),
    alertBox(),
    field({ label: 'Name', name: 'name', required: true, maxlength: 64 }),
    field({ label: 'Token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true,
      hint: 'The token @BotFather gave you, like 123456789:AAE…. BotFactory keeps it encrypted and never shows it again.' }),
    field({ label: 'Description (optional)', name: 'description', multiline: true, maxlength: 512 }),
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', event => {
    event.preventDefault();
    clearErrors(form);
    const { name, token, description } = form.elements;
    busy(submit, async () => {
      const bot = await api.createBot({ name: name.value, token: token.value.trim(), description: description.value.trim() || null });
      form.reset(); // the token leaves the page as soon as the API has it
      announceNext(`"${bot.name}" was added.`);
      location.hash = `#/bots/${bot.id}`;
    }).catch(error => showErrors(form, error));
  });
  return form;
}

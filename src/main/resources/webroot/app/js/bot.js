// One bot: its header (name, Telegram username, webhook badge) and its sections, each its own
// address: settings (this module), commands, chats, the live webhook view, and its audience
// (subscribers, analytics, broadcasts). While the webhook is pending or failing, the header asks
// again every few seconds until it settles.

import * as api from './api.js';
import { h, field, alertBox, showErrors, clearErrors, busy, announce, announceNext, time, confirmed } from './dom.js';
import { webhookBadge, webhookDetails, unsettled } from './badge.js';
import { commandsSection } from './commands.js';
import { chatsSection } from './chats.js';
import { webhookSection } from './webhook.js';
import { subscribersSection } from './subscribers.js';
import { analyticsSection } from './analytics.js';
import { broadcastsSection } from './broadcasts.js';

const TABS = [['settings', 'Settings'], ['commands', 'Commands'], ['chats', 'Chats'], ['webhook', 'Webhook'],
  ['subscribers', 'Subscribers'], ['analytics', 'Analytics'], ['broadcasts', 'Broadcasts']];
const SECTIONS = {
  settings: settingsSection, commands: commandsSection, chats: chatsSection, webhook: webhookSection,
  subscribers: subscribersSection, analytics: analyticsSection, broadcasts: broadcastsSection,
};
const RECHECK_MS = 2000;
const RECHECK_FOR_MS = 120000; // Telegram answers within 5 s; a failing bot retries by itself, backing off

export function botScreen(id, tab) {
  const title = h('h1', { tabindex: -1 }, 'Bot');
  const summary = h('p', { class: 'meta' });
  const body = h('div', { class: 'bot-section' }, h('p', {}, 'Loading…'));
  const view = h('section', {},
    h('p', { class: 'back' }, h('a', { href: '#/bots' }, '← All bots')),
    title,
    summary,
    h('nav', { class: 'tabs', 'aria-label': 'Bot sections' }, TABS.map(([key, label]) =>
      h('a', { href: `#/bots/${id}/${key}`, 'aria-current': key === tab ? 'page' : null }, label))),
    body);

  // Redraws what only shows the bot, never a form being edited.
  const showBot = follow(id, view, bot => {
    title.textContent = bot.name;
    document.title = `${bot.name} · BotFactory`;
    summary.replaceChildren(
      bot.telegram_username ? `@${bot.telegram_username}` : `Telegram bot ${bot.telegram_bot_id}`, ' · ', webhookBadge(bot.webhook));
    view.querySelector('.bot-facts')?.replaceWith(facts(bot));
  });

  api.getBot(id).then(bot => {
    body.replaceChildren(SECTIONS[tab](bot, showBot));
    showBot(bot);
  }).catch(error => {
    title.textContent = error.status === 404 ? 'Bot not found' : 'This bot cannot be shown';
    body.replaceChildren(h('p', { class: 'alert', role: 'alert' }, error.message));
  });
  return view;
}

/**
 * show(bot) for each answer about the bot: draws it and, while its webhook is pending or
 * failing and the screen is shown, asks again every few seconds, for two minutes after the last
 * change made here. An answer to a question asked before a newer answer arrived is dropped, so
 * that a slow recheck cannot undo what a PATCH answered.
 */
function follow(id, view, draw) {
  let timer;
  let shown = 0;
  let until = 0;
  let drawn = '';
  const show = (bot, recheck = false) => {
    shown += 1;
    clearTimeout(timer);
    if (JSON.stringify(bot) !== drawn) { // an unchanged answer leaves the page as it is
      drawn = JSON.stringify(bot);
      draw(bot);
    }
    if (!recheck) {
      until = Date.now() + RECHECK_FOR_MS;
    }
    if (!unsettled(bot.webhook) || Date.now() > until) {
      return;
    }
    timer = setTimeout(() => {
      if (!view.isConnected) {
        return;
      }
      const asked = shown;
      api.getBot(id).then(updated => asked === shown && show(updated, true)).catch(() => {});
    }, RECHECK_MS);
  };
  return bot => show(bot);
}

/** `state.bot` is the bot as the API last answered; `update` records and shows a new answer. */
function settingsSection(bot, showBot) {
  const state = { bot };
  const update = updated => {
    state.bot = updated;
    showBot(updated);
  };
  return h('div', { class: 'settings' },
    facts(bot),
    detailsForm(state, update),
    activationForm(state, update),
    tokenForm(state, update),
    deleteForm(state));
}

function facts(bot) {
  return h('dl', { class: 'facts bot-facts card' },
    h('dt', {}, 'Telegram username'), h('dd', {}, bot.telegram_username ? `@${bot.telegram_username}` : 'Not known yet'),
    h('dt', {}, 'Telegram bot id'), h('dd', {}, String(bot.telegram_bot_id)),
    h('dt', {}, 'Token'), h('dd', { class: 'token-hint' }, bot.token_hint),
    h('dt', {}, 'Description'), h('dd', {}, bot.description || '—'),
    h('dt', {}, 'Webhook'), h('dd', {}, webhookBadge(bot.webhook), webhookDetails(bot.webhook)),
    h('dt', {}, 'Added'), h('dd', {}, time(bot.created_at)),
    h('dt', {}, 'Last changed'), h('dd', {}, time(bot.updated_at)));
}

function detailsForm({ bot }, update) {
  const submit = h('button', { type: 'submit' }, 'Save name and description');
  const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'details-title' },
    h('h2', { id: 'details-title' }, 'Name and description'),
    alertBox(),
    field({ label: 'Name', name: 'name', value: bot.name, required: true, maxlength: 64 }),
    field({ label: 'Description', name: 'description', multiline: true, value: bot.description, maxlength: 512,
      hint: 'Leave empty for no description.' }),
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', event => {
    event.preventDefault();
    clearErrors(form);
    const description = form.elements.description.value.trim();
    busy(submit, async () => {
      update(await api.updateBot(bot.id, { name: form.elements.name.value, description: description || null }));
      announce('Name and description saved.');
    }).catch(error => showErrors(form, error));
  });
  return form;
}

function activationForm(state, update) {
  const { bot } = state;
  const button = h('button', { type: 'submit', class: bot.is_active ? 'secondary' : null }, bot.is_active ? 'Deactivate bot' : 'Activate bot');
  const form = h('form', { class: 'card', 'aria-labelledby': 'activation-title' },
    h('h2', { id: 'activation-title' }, bot.is_active ? 'The bot is active' : 'The bot is inactive'),
    h('p', {}, bot.is_active
      ? 'Deactivating stops the bot: BotFactory stops taking its messages from Telegram, which keeps them until you activate it again.'
      : 'Activating asks Telegram to deliver the bot\'s messages to BotFactory again.'),
    alertBox(),
    h('div', { class: 'actions' }, button));
  form.addEventListener('submit', event => {
    event.preventDefault();
    busy(button, async () => {
      update(await api.updateBot(bot.id, { is_active: !bot.is_active }));
      const replacement = activationForm(state, update);
      form.replaceWith(replacement);
      replacement.querySelector('button').focus();
      announce(state.bot.is_active ? 'The bot is active again.' : 'The bot is deactivated.');
    }).catch(error => showErrors(form, error));
  });
  return form;
}

function tokenForm({ bot }, update) {
  const submit = h('button', { type: 'submit', class: 'secondary' }, 'Replace the token');
  const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'token-title' },
    h('h2', { id: 'token-title' }, 'Replace the token'),
    alertBox(),
    field({ label: 'New token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true,
      hint: `After a /revoke or /token in @BotFather. It must be a token of the same bot (${bot.telegram_bot_id}).` }),
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', event => {
    event.preventDefault();
    clearErrors(form);
    busy(submit, async () => {
      const updated = await api.updateBot(bot.id, { token: form.elements.token.value.trim() });
      form.reset(); // the token leaves the page as soon as the API has it
      update(updated);
      announce('The token was replaced.');
    }).catch(error => showErrors(form, error));
  });
  return form;
}

function deleteForm(state) {
  const button = h('button', { type: 'submit', class: 'danger' }, 'Delete bot');
  const form = h('form', { class: 'card danger-zone', 'aria-labelledby': 'delete-title' },
    h('h2', { id: 'delete-title' }, 'Delete the bot'),
    h('p', {}, 'BotFactory stops running it and forgets its token, commands and chats. Its Telegram bot id can be registered again.'),
    alertBox(),
    h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const { bot } = state;
    if (!(await confirmed(`Delete "${bot.name}"?`, 'This cannot be undone.', 'Delete bot'))) {
      button.focus();
      return;
    }
    busy(button, async () => {
      await api.deleteBot(bot.id);
      announceNext(`"${bot.name}" was deleted.`);
      location.hash = '#/bots';
    }).catch(error => showErrors(form, error));
  });
  return form;
}

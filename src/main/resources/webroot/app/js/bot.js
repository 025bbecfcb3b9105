// One bot: its header (name, Telegram username, webhook badge) and its sections, each its own
// address: settings, commands, chats (with the box that sends a chat a message), the live webhook
// view, its audience (subscribers, analytics, broadcasts) and its event endpoints, each endpoint's
// delivery log at an address of its own. While the webhook is pending or failing, the header
// asks again every few seconds until it settles.

import * as api from './api.js';
import { h } from './dom.js';
import { webhookBadge, unsettled } from './badge.js';
import { settingsSection, facts } from './settings.js';
import { commandsSection } from './commands.js';
import { chatsSection } from './chats.js';
import { webhookSection } from './webhook.js';
import { subscribersSection } from './subscribers.js';
import { analyticsSection } from './analytics.js';
import { broadcastsSection } from './broadcasts.js';
import { endpointsSection } from './endpoints.js';
import { deliveriesSection } from './deliveries.js';

const TABS = [['settings', 'Settings'], ['commands', 'Commands'], ['chats', 'Chats'], ['webhook', 'Webhook'],
  ['subscribers', 'Subscribers'], ['analytics', 'Analytics'], ['broadcasts', 'Broadcasts'], ['endpoints', 'Endpoints']];
const SECTIONS = {
  settings: settingsSection, commands: commandsSection, chats: chatsSection, webhook: webhookSection,
  subscribers: subscribersSection, analytics: analyticsSection, broadcasts: broadcastsSection,
  endpoints: (bot, showBot, endpointId) => endpointId ? deliveriesSection(bot, endpointId) : endpointsSection(bot),
};
const RECHECK_MS = 2000;
const RECHECK_FOR_MS = 120000; // Telegram answers within 5 s; a failing bot retries by itself, backing off

/** `endpointId`: on the endpoints tab, the endpoint whose delivery log is shown (none: the list). */
export function botScreen(id, tab, endpointId) {
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
    body.replaceChildren(SECTIONS[tab](bot, showBot, endpointId));
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

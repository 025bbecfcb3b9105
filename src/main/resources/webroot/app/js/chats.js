// The chats that have written to a bot, oldest first, paged as the API pages them; chats that
// blocked the bot are marked, next to the chat id, so that a phone shows both without scrolling.

import * as api from './api.js';
import { h, time } from './dom.js';
import { pagedList } from './paging.js';

export function chatsSection(bot) {
  const chats = pagedList({
    load: page => api.listChats(bot.id, page),
    render: (items, first) => items.length === 0
      ? h('p', { class: 'empty' }, first ? 'Nobody has written to this bot yet.' : 'No more chats.')
      : table(items),
    className: 'table-scroll',
    label: 'Pages of chats',
    refresh: true,
  });
  return h('div', { class: 'card' }, h('h2', { id: 'chats-title' }, 'Chats'), chats.content, chats.nav);
}

function table(chats) {
  return h('table', { class: 'chats', 'aria-labelledby': 'chats-title' },
    h('thead', {}, h('tr', {}, ['Chat', 'State', 'Type', 'First message', 'Last message'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, chats.map(chat => h('tr', { class: chat.blocked ? 'blocked' : null, 'data-chat-id': String(chat.chat_id) },
      h('td', {}, String(chat.chat_id)),
      h('td', {}, chat.blocked ? h('span', { class: 'badge badge-bad' }, 'Blocked the bot') : 'Open'),
      h('td', {}, chat.type),
      h('td', {}, time(chat.first_seen_at)),
      h('td', {}, time(chat.last_seen_at))))));
}

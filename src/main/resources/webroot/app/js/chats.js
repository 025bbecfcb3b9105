// The chats that have written to a bot, oldest first, paged as the API pages them; chats that
// blocked the bot are marked, next to the chat id (on a phone, each chat is a block of lines).
// Above them, the box that sends a chat a message (sendbox.js); each row's "Message" puts its
// chat there.

import * as api from './api.js';
import { h, time } from './dom.js';
import { pagedList } from './paging.js';
import { sendBox } from './sendbox.js';

export function chatsSection(bot) {
  const box = sendBox(bot);
  const chats = pagedList({
    load: page => api.listChats(bot.id, page),
    render: (items, first) => items.length === 0
      ? h('p', { class: 'empty' }, first ? 'Nobody has written to this bot yet.' : 'No more chats.')
      : table(items, box),
    className: 'table-scroll',
    label: 'Pages of chats',
    refresh: true,
  });
  return h('div', {}, box.form, h('div', { class: 'card' }, h('h2', { id: 'chats-title' }, 'Chats'), chats.content, chats.nav));
}

function table(chats, box) {
  return h('table', { class: 'chats', 'aria-labelledby': 'chats-title' },
    h('thead', {}, h('tr', {}, ['Chat', 'State', 'Type', 'First message', 'Last message', ''].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, chats.map(chat => h('tr', { class: chat.blocked ? 'blocked' : null, 'data-chat-id': String(chat.chat_id) },
      h('td', {}, String(chat.chat_id)),
      h('td', {}, chat.blocked ? h('span', { class: 'badge badge-bad' }, 'Blocked the bot') : 'Open'),
      h('td', {}, chat.type),
      h('td', { 'data-label': 'First message' }, time(chat.first_seen_at)),
      h('td', { 'data-label': 'Last message' }, time(chat.last_seen_at)),
      h('td', {}, h('button', { type: 'button', class: 'secondary small', 'aria-label': `Send a message to chat ${chat.chat_id}`,
        onclick: () => box.to(chat.chat_id) }, 'Message'))))));
}

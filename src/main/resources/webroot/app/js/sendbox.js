// The box that sends a chat a message as the bot (POST /bots/{id}/messages), on the chats tab:
// the chat (picked in the list, or typed), the text, and whether it is silent. Each intended send
// has an Idempotency-Key of its own, made when it is first sent and kept until the API took it or
// the owner changes the message: a double submit, or a try again after a lost answer, is answered
// with the same message and Telegram gets it once. The message's outcome is asked for every
// second until it is final (queued → sent, blocked, failed or uncertain).

import * as api from './api.js';
import { h, field, alertBox, showErrors, clearErrors, busy, announce, uid } from './dom.js';
import { shortTime as time } from './dates.js';

const POLL_MS = 1000;
const STATUSES = {
  queued: ['Queued', 'wait', 'Waiting to be sent, after the bot\'s replies.'],
  sent: ['Sent', 'ok', null],
  blocked: ['Blocked', 'bad', 'The chat has blocked the bot: Telegram did not deliver it.'],
  failed: ['Failed', 'bad', 'Telegram refused it.'],
  uncertain: ['Uncertain', 'warn', 'The node sending it stopped: Telegram may or may not have it. It is not sent again.'],
};

/** {form, to(chatId)}: `to` puts a chat in the box and moves the keyboard there. */
export function sendBox(bot) {
  const submit = h('button', { type: 'submit' }, 'Send message');
  const silentId = uid('silent');
  const sent = h('ol', { class: 'sent-messages', 'aria-live': 'polite' });
  const form = h('form', { class: 'card send-box', novalidate: true, 'aria-labelledby': 'send-title' },
    h('h2', { id: 'send-title' }, 'Send a message'),
    h('p', { class: 'hint' }, 'To a chat that has written to the bot: choose "Message" on its row below, or type its id. '
      + 'It is sent as the bot, after the bot\'s replies and before its broadcasts.'),
    alertBox(),
    field({ label: 'Chat id', name: 'chat_id', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false' }),
    field({ label: 'Message', name: 'text', multiline: true, rows: 3, hint: 'Plain text, up to 4,096 characters.' }),
    h('div', { class: 'field check' },
      h('input', { type: 'checkbox', id: silentId, name: 'silent', 'data-loc': 'silent' }),
      h('label', { for: silentId }, 'Send silently (no notification sound)')),
    h('div', { class: 'actions' }, submit),
    sent);

  let key = null; // the Idempotency-Key of the send the form holds, once it was sent
  form.addEventListener('input', () => {
    key = null; // another message: another send
  });
  form.addEventListener('submit', event => {
    event.preventDefault();
    clearErrors(form);
    key = key || newKey();
    const typed = form.elements.chat_id.value.trim();
    // A chat id as the API takes it; anything else goes as typed, for the API to name.
    const chatId = /^-?\d{1,16}$/.test(typed) ? Number(typed) : typed || null;
    const message = { chat_id: chatId, text: form.elements.text.value, silent: form.elements.silent.checked };
    busy(submit, async () => {
      const queued = await api.sendMessage(bot.id, message, key);
      key = null;
      form.elements.text.value = '';
      form.elements.silent.checked = false;
      follow(bot, queued, message, sent);
      announce(`The message to chat ${queued.chat_id} is queued.`);
    }).catch(error => showErrors(form, error));
  });

  return {
    form,
    to(chatId) {
      form.elements.chat_id.value = String(chatId);
      form.elements.chat_id.dispatchEvent(new Event('input', { bubbles: true }));
      form.scrollIntoView({ block: 'start' });
      form.elements.text.focus({ preventScroll: true });
    },
  };
}

/** 128 random bits as hex: visible ASCII, as the header asks. */
function newKey() {
  return [...crypto.getRandomValues(new Uint8Array(16))].map(b => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Shows the message in `list` (once, however often the API answered it), with what was asked
 * (`sent`: its text and silence), and asks for it until its status is final.
 */
function follow(bot, message, { text, silent }, list) {
  if (list.querySelector(`[data-message-id="${CSS.escape(message.id)}"]`)) {
    return; // a repeated send of the same intent: the API answered the message already shown
  }
  const item = h('li', { class: 'sent-message', 'data-message-id': message.id });
  list.prepend(item);
  const draw = m => {
    const [label, kind, meaning] = STATUSES[m.status] || [m.status, 'off', null];
    item.replaceChildren(...[
      h('p', { class: 'sent-head' }, h('span', { class: `badge badge-${kind}`, 'data-status': m.status }, label),
        silent ? [' ', h('span', { class: 'badge badge-off' }, 'Silent')] : null, ` To chat ${m.chat_id} · `, m.sent_at ? ['sent ', time(m.sent_at)] : ['queued ', time(m.created_at)]),
      h('p', { class: 'sent-text' }, text),
      meaning || m.error ? h('p', { class: 'meta' }, meaning, m.error ? [' ', h('q', { class: 'last-error' }, m.error)] : null) : null,
    ].filter(Boolean));
  };
  const ask = () => setTimeout(() => {
    if (!item.isConnected) {
      return;
    }
    api.getMessage(bot.id, message.id).then(m => {
      draw(m);
      if (m.status === 'queued') {
        ask();
      }
    }).catch(ask);
  }, POLL_MS);
  draw(message);
  if (message.status === 'queued') {
    ask();
  }
}

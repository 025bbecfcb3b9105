// A bot's commands, replies and fallback reply: add, remove, reorder, then save the whole set
// (PUT replaces it). The API checks the set (names, uniqueness, lengths in Telegram's UTF-16
// units) and its 422 names the row (["body", "commands", 3, "reply"]): the message is shown
// there. The page does not repeat those rules: one answer a millisecond away, in the API's
// words, cannot drift from what the API accepts.

import * as api from './api.js';
import { h, field, alertBox, showErrors, clearErrors, busy, announce } from './dom.js';

export function commandsSection(bot, showBot) {
  const section = h('div', { class: 'commands' }, h('p', {}, 'Loading the commands…'));
  api.getCommands(bot.id)
    .then(set => section.replaceChildren(editor(bot, set, showBot)))
    .catch(error => section.replaceChildren(h('p', { class: 'alert', role: 'alert' }, error.message)));
  return section;
}

function editor(bot, set, showBot) {
  const rows = set.commands.map(c => ({ ...c }));
  const list = h('ol', { class: 'command-list' });
  const submit = h('button', { type: 'submit' }, 'Save commands');
  const add = h('button', { type: 'button', class: 'secondary' }, 'Add a command');
  const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'commands-title' },
    h('h2', { id: 'commands-title' }, 'Commands'),
    h('p', { class: 'hint' }, 'A message "/name" gets the command\'s reply; Telegram shows the descriptions in the bot\'s menu.'),
    alertBox(),
    h('p', { class: 'field-error', id: 'commands-list-error', hidden: true }),
    list,
    h('div', { class: 'actions' }, add),
    field({ label: 'Fallback reply (optional)', name: 'fallback_reply', multiline: true, value: set.fallback_reply,
      hint: 'Sent for any other text message. Leave empty to send nothing.' }),
    h('div', { class: 'actions' }, submit));
  // The list-level error ("at most 100 commands") has no input of its own.
  list.setAttribute('data-loc', 'commands');
  list.id = 'commands-list';

  // Redraws the rows; `focus` lists where the keyboard focus goes, first match wins.
  const draw = (...focus) => {
    clearErrors(form);
    list.replaceChildren(...rows.map((row, index) => commandRow(row, index, rows.length, draw, rows)));
    if (rows.length === 0) {
      list.append(h('li', { class: 'empty' }, 'No commands yet.'));
    }
    if (focus.length > 0) {
      (focus.map(selector => list.querySelector(selector)).find(Boolean) || add).focus();
    }
  };
  add.addEventListener('click', () => {
    rows.push({ command: '', description: '', reply: '' });
    draw(`[data-loc="commands.${rows.length - 1}.command"]`);
  });
  form.addEventListener('submit', event => {
    event.preventDefault();
    const fallback = form.elements.fallback_reply.value;
    const body = { commands: rows.map(r => ({ ...r, command: r.command.trim() })), fallback_reply: fallback.trim() ? fallback : null };
    busy(submit, async () => {
      const saved = await api.putCommands(bot.id, body);
      rows.splice(0, rows.length, ...saved.commands.map(c => ({ ...c })));
      draw();
      announce(`Commands saved: ${saved.commands.length}.`);
      // Telegram's menu is now being updated: the header follows the webhook until it is confirmed.
      api.getBot(bot.id).then(showBot).catch(() => {});
    }).catch(error => showErrors(form, error));
  });
  draw();
  return form;
}

function commandRow(row, index, count, draw, rows) {
  // After a move, the focus stays on the same button of the moved row, so that it can be pressed again.
  const move = (to, label, action) => h('button', {
    type: 'button', class: 'secondary small', 'aria-label': `${label} (command ${index + 1})`, disabled: to < 0 || to >= count,
    'data-action': action, 'data-row': index,
    onclick: () => {
      rows.splice(to, 0, rows.splice(index, 1)[0]);
      draw(`[data-row="${to}"][data-action="${action}"]:enabled`, `[data-loc="commands.${to}.command"]`);
    },
  }, label);
  const input = (props) => {
    const wrapper = field({ ...props, loc: `commands.${index}.${props.name}` });
    const control = wrapper.querySelector('input, textarea');
    control.addEventListener('input', () => {
      row[props.name] = control.value;
    });
    return wrapper;
  };
  return h('li', { class: 'command-row' },
    h('fieldset', {},
      h('legend', {}, `Command ${index + 1}`),
      h('div', { class: 'pair' },
        input({ label: 'Command', name: 'command', value: row.command, hint: 'a-z, 0-9 and _, up to 32.', spellcheck: 'false', autocapitalize: 'none' }),
        input({ label: 'Menu description', name: 'description', value: row.description, hint: 'Shown in the bot\'s menu.' })),
      input({ label: 'Reply', name: 'reply', multiline: true, value: row.reply, hint: 'Sent as plain text; up to 4096 characters, an emoji may count as 2.' }),
      h('div', { class: 'row-actions' },
        move(index - 1, 'Move up', 'up'),
        move(index + 1, 'Move down', 'down'),
        h('button', {
          type: 'button', class: 'danger small', 'aria-label': `Remove (command ${index + 1})`, 'data-action': 'remove', 'data-row': index,
          onclick: () => {
            rows.splice(index, 1);
            draw(`[data-loc="commands.${Math.min(index, rows.length - 1)}.command"]`);
          },
        }, 'Remove'))));
}

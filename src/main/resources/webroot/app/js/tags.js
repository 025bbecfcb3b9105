// Subscribers' tags: shown as chips, one subscriber's edited in place, and added to or taken
// from the selected subscribers at once. Tags are typed as a list separated by commas or spaces;
// the API checks them (1-32 of a-z 0-9 _ -, at most 20 a subscriber) and its 422 names the list
// and the item (["body", "add", 1]): the message is shown under the one field that took the list.

import * as api from './api.js';
import { h, field, alertBox, showErrors, clearErrors, busy, announce } from './dom.js';

export const TAGS_HINT = 'Tags are separated by commas or spaces; each of a-z, 0-9, _ and -.';

/** "vip, early  news" → ['vip', 'early', 'news']. */
export function parseTags(text) {
  return text.split(/[\s,]+/).filter(Boolean);
}

/**
 * Moves the API's messages about the lists named in `lists` (and their items) to the field
 * `loc`, so that showErrors puts them under it: ["body", "add", 1] → ["body", "tags"].
 */
export function placeAt(error, lists, loc) {
  error.fields = (error.fields || []).map(f => lists.includes(f.loc[1]) ? { ...f, loc: ['body', ...loc.split('.')] } : f);
  return error;
}

export function tagChips(tags) {
  return tags.length === 0
    ? h('span', { class: 'empty' }, 'No tags')
    : h('ul', { class: 'chips' }, tags.map(tag => h('li', { class: 'chip' }, tag)));
}

/** A subscriber's name as the table shows it: the first name, else the username, else the chat id. */
export function displayName(s) {
  return s.first_name || (s.username ? `@${s.username}` : `Chat ${s.chat_id}`);
}

/**
 * The tags cell of a subscriber's row: its chips and an "Edit tags" button that turns the cell
 * into a small form; `saved(subscriber)` records what the API answered.
 */
export function tagsCell(bot, subscriber, saved) {
  const cell = h('div', { class: 'tags-cell' });
  const show = (focusEdit = false) => {
    const edit = h('button', {
      type: 'button', class: 'secondary small', 'aria-label': `Edit the tags of ${displayName(subscriber)}`,
      onclick: () => cell.replaceChildren(editor()),
    }, 'Edit');
    cell.replaceChildren(tagChips(subscriber.tags), edit);
    if (focusEdit) {
      edit.focus();
    }
  };
  const editor = () => {
    const save = h('button', { type: 'submit', class: 'small' }, 'Save tags');
    const form = h('form', { class: 'tag-editor', novalidate: true },
      alertBox(),
      field({ label: `Tags of ${displayName(subscriber)}`, name: 'tags', value: subscriber.tags.join(', '), hint: TAGS_HINT,
        spellcheck: 'false', autocapitalize: 'none' }),
      h('div', { class: 'row-actions' }, save,
        h('button', { type: 'button', class: 'secondary small', onclick: () => show(true) }, 'Cancel')));
    form.addEventListener('submit', event => {
      event.preventDefault();
      clearErrors(form);
      busy(save, async () => {
        Object.assign(subscriber, await api.putTags(bot.id, subscriber.chat_id, parseTags(form.elements.tags.value)));
        saved(subscriber);
        show(true);
        announce(`Tags of ${displayName(subscriber)} saved.`);
      }).catch(error => showErrors(form, placeAt(error, ['tags'], 'tags')));
    });
    queueMicrotask(() => form.elements.tags.focus());
    return form;
  };
  show();
  return cell;
}

/**
 * The form that adds tags to, or takes them from, the selected subscribers (`selection()` → chat
 * ids); `changed()` is called after the API has changed them. `update(n)` shows how many are
 * selected.
 */
export function bulkTagsForm(bot, selection, changed) {
  const count = h('p', { class: 'selection', 'aria-live': 'polite' });
  const add = h('button', { type: 'submit', value: 'add' }, 'Add tags');
  const remove = h('button', { type: 'submit', value: 'remove', class: 'secondary' }, 'Remove tags');
  const form = h('form', { class: 'bulk-tags', novalidate: true, 'aria-label': 'Tags of the selected subscribers' },
    count,
    alertBox(),
    h('div', { class: 'bulk-row' },
      field({ label: 'Tags of the selected subscribers', name: 'bulk_tags', hint: TAGS_HINT, spellcheck: 'false',
        autocapitalize: 'none' }),
      h('div', { class: 'actions' }, add, remove)));
  form.addEventListener('submit', event => {
    event.preventDefault();
    clearErrors(form);
    const action = event.submitter === remove ? 'remove' : 'add';
    const tags = parseTags(form.elements.bulk_tags.value);
    if (tags.length === 0) {
      showErrors(form, { message: 'Type the tags first.', fields: [] });
      return;
    }
    const chatIds = selection();
    busy(event.submitter || add, async () => {
      const answer = await api.changeTags(bot.id, { chat_ids: chatIds, [action]: tags });
      const words = `${tags.length === 1 ? `Tag ${tags[0]}` : `Tags ${tags.join(', ')}`} ${action === 'add' ? 'added to' : 'removed from'}`;
      announce(`${words} ${answer.changed} of ${chatIds.length} selected subscribers.`);
      form.reset();
      changed();
    }).catch(error => showErrors(form, placeAt(error, ['add', 'remove'], 'bulk_tags')));
  });
  const update = n => {
    count.textContent = n === 0 ? 'Select subscribers in the list below to tag them.' : `${n} selected.`;
    add.disabled = n === 0;
    remove.disabled = n === 0;
  };
  update(0);
  return { form, update };
}

// The account: who is logged in, and the API keys that let programs act for it. A new key is
// shown once, with a button that copies it: it lives in this page only, never in any storage,
// and is gone when the user leaves the page (see docs/security.md, "The dashboard").

import * as api from './api.js';
import { h, field, alertBox, showErrors, clearErrors, busy, announce, time, confirmed } from './dom.js';

export function accountScreen() {
  const facts = h('dl', { class: 'facts card' }, h('dt', {}, 'Email'), h('dd', {}, 'Loading…'));
  api.me().then(client => facts.replaceChildren(
    h('dt', {}, 'Email'), h('dd', {}, client.email),
    h('dt', {}, 'Name'), h('dd', {}, client.full_name || '—'),
    h('dt', {}, 'Member since'), h('dd', {}, time(client.created_at))))
    .catch(error => facts.replaceChildren(h('p', { class: 'alert', role: 'alert' }, error.message)));
  return h('section', {},
    h('h1', { tabindex: -1 }, 'Your account'),
    facts,
    apiKeysSection());
}

function apiKeysSection() {
  const shown = h('div', { class: 'new-key', hidden: true });
  const list = h('div', { class: 'api-key-list table-scroll', 'aria-live': 'polite' });
  const refresh = async () => {
    list.setAttribute('aria-busy', 'true');
    try {
      const keys = await api.listApiKeys();
      list.replaceChildren(keys.length === 0 ? h('p', { class: 'empty' }, 'You have no API keys.') : table(keys, revoke));
    } catch (error) {
      list.replaceChildren(h('p', { class: 'alert', role: 'alert' }, error.message));
    } finally {
      list.removeAttribute('aria-busy');
    }
  };
  const revoke = async (key, button) => {
    if (!(await confirmed(`Revoke "${key.name}"?`, 'Programs that use this key are refused from now on. This cannot be undone.',
      'Revoke key'))) {
      button.focus();
      return;
    }
    await busy(button, async () => {
      await api.revokeApiKey(key.id);
      if (shown.dataset.keyId === key.id) {
        forget(shown);
      }
      announce(`"${key.name}" was revoked.`);
      await refresh();
    }).catch(error => announce(error.message));
  };
  refresh();
  return h('section', { class: 'card api-keys', 'aria-labelledby': 'api-keys-title' },
    h('h2', { id: 'api-keys-title' }, 'API keys'),
    h('p', {}, 'An API key lets a program, such as a deployment script, use the BotFactory API as you: it sends ',
      h('code', {}, 'Authorization: Bearer <key>'), ' to the /bots routes and /clients/me. A key does not expire: revoke it ',
      'when the program no longer needs it. Keys are managed here, logged in, never with a key.'),
    shown,
    list,
    createForm(shown, refresh));
}

function table(keys, revoke) {
  return h('table', { 'aria-labelledby': 'api-keys-title' },
    h('thead', {}, h('tr', {}, ['Name', 'Created', 'Last used', ''].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, keys.map(key => {
      const button = h('button', { type: 'button', class: 'danger small', 'aria-label': `Revoke "${key.name}"` }, 'Revoke');
      button.addEventListener('click', () => revoke(key, button));
      return h('tr', { 'data-key-id': key.id },
        h('td', { class: 'key-name' }, key.name),
        h('td', {}, time(key.created_at)),
        h('td', {}, key.last_used_at ? time(key.last_used_at) : 'Never'),
        h('td', {}, button));
    })));
}

function createForm(shown, refresh) {
  const submit = h('button', { type: 'submit' }, 'Create key');
  const form = h('form', { class: 'create-key', novalidate: true, 'aria-labelledby': 'create-key-title' },
    h('h3', { id: 'create-key-title' }, 'Create a key'),
    alertBox(),
    field({ label: 'Name', name: 'name', required: true, maxlength: 64, autocomplete: 'off',
      hint: 'What the key is for, e.g. "Deploy from CI". 20 keys at most.' }),
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', event => {
    event.preventDefault();
    clearErrors(form);
    busy(submit, async () => {
      const created = await api.createApiKey(form.elements.name.value);
      form.reset();
      show(shown, created);
      await refresh();
    }).catch(error => showErrors(form, error));
  });
  return form;
}

/** Shows the new key, once, with a button that copies it. */
function show(shown, created) {
  const value = h('input', { type: 'text', class: 'key-value', readonly: true, value: created.key, spellcheck: 'false',
    autocomplete: 'off', 'aria-label': `The key "${created.name}"` });
  const copy = h('button', { type: 'button' }, 'Copy key');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      announce('The key is copied.');
    } catch {
      value.select(); // the browser refused: the key is selected, for the keyboard's own copy
      announce('The browser did not let the page copy: the key is selected, copy it with Ctrl+C or ⌘C.');
    }
  });
  const done = h('button', { type: 'button', class: 'secondary' }, 'I have stored it');
  done.addEventListener('click', () => {
    forget(shown);
    announce('The key is no longer shown.');
  });
  shown.dataset.keyId = created.id;
  shown.replaceChildren(
    h('h3', { tabindex: -1 }, `Your new key "${created.name}"`),
    h('p', {}, 'Copy it now and keep it somewhere safe: it is shown this once. BotFactory keeps only a hash of it and cannot show it again.'),
    h('div', { class: 'key-row' }, value, copy),
    h('div', { class: 'actions' }, done));
  shown.hidden = false;
  shown.querySelector('h3').focus();
  announce(`"${created.name}" was created. Copy the key now: it is shown only once.`);
}

function forget(shown) {
  shown.replaceChildren();
  shown.hidden = true;
  delete shown.dataset.keyId;
}

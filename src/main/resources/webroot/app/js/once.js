// A secret the API shows only once (an API key, an endpoint's signing secret): drawn in a box of
// the page with a button that copies it, kept in this page only (never in any storage), and gone
// when the owner says it is stored, or leaves the page.

import { h, announce } from './dom.js';

/**
 * Shows `value` in `holder` (an element of the page, hidden until now) under `title`, with
 * `explanation`; `noun` ("key", "secret") words the buttons and messages; `id` marks whose it is
 * (holder.dataset.secretOf), so that a later change of that thing can `forget` it.
 */
export function showOnce(holder, { id, title, explanation, value, label, noun }) {
  const input = h('input', { type: 'text', class: 'key-value', readonly: true, value, spellcheck: 'false', autocomplete: 'off',
    'aria-label': label });
  const copy = h('button', { type: 'button' }, `Copy ${noun}`);
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(value);
      announce(`The ${noun} is copied.`);
    } catch {
      input.select(); // the browser refused: the value is selected, for the keyboard's own copy
      announce(`The browser did not let the page copy: the ${noun} is selected, copy it with Ctrl+C or ⌘C.`);
    }
  });
  const done = h('button', { type: 'button', class: 'secondary' }, 'I have stored it');
  done.addEventListener('click', () => {
    forget(holder);
    announce(`The ${noun} is no longer shown.`);
  });
  holder.dataset.secretOf = id;
  holder.replaceChildren(
    h('h3', { tabindex: -1 }, title),
    ...[explanation].flat().map(line => h('p', {}, line)),
    h('div', { class: 'key-row' }, input, copy),
    h('div', { class: 'actions' }, done));
  holder.hidden = false;
  holder.querySelector('h3').focus();
}

/** Takes the shown value out of the page. */
export function forget(holder) {
  holder.replaceChildren();
  holder.hidden = true;
  delete holder.dataset.secretOf;
}

// A new broadcast: its text (counted as Telegram counts it, in UTF-16 code units, which is what a
// JavaScript string's length is), whether it is sent silently, who receives it (a segment: tags,
// deep-link sources, seen since) and when. While the owner edits the segment, the page asks the
// API how many active subscribers it reaches now (POST /bots/{id}/subscribers/count), once the
// typing pauses, and shows only the answer to the latest question.

import * as api from './api.js';
import { h, field, alertBox, showErrors, clearErrors, busy, announce, uid } from './dom.js';
import { parseTags, TAGS_HINT } from './tags.js';

const MAX_TEXT = 4096;
const COUNT_AFTER_MS = 400;

/** `created(broadcast)` is called with each broadcast the API created. */
export function composeForm(bot, created) {
  const submit = h('button', { type: 'submit' }, 'Send broadcast');
  const reach = h('output', { class: 'reach', 'aria-live': 'polite' });
  const silentId = uid('silent');
  const form = h('form', { class: 'card compose', novalidate: true, 'aria-labelledby': 'compose-title' },
    h('h2', { id: 'compose-title' }, 'New broadcast'),
    alertBox(),
    field({ label: 'Message', name: 'text', multiline: true, rows: 5, hint: counterText(0) }),
    h('div', { class: 'field check' },
      h('input', { type: 'checkbox', id: silentId, name: 'silent', 'data-loc': 'silent' }),
      h('label', { for: silentId }, 'Send silently (no notification sound)')),
    h('fieldset', { class: 'segment' },
      h('legend', {}, 'Who receives it'),
      h('p', { class: 'hint' }, `Active subscribers only; leave everything empty to send to all of them. ${TAGS_HINT}`),
      field({ label: 'With any of these tags', name: 'tags_any', loc: 'segment.tags_any', ...plain }),
      field({ label: 'With all of these tags', name: 'tags_all', loc: 'segment.tags_all', ...plain }),
      field({ label: 'Who came by one of these links (sources)', name: 'sources', loc: 'segment.sources', ...plain,
        hint: 'The start parameters of your t.me/<bot>?start=<source> links.' }),
      field({ label: 'Who wrote to the bot since', name: 'seen_since', loc: 'segment.seen_since', type: 'datetime-local',
        hint: 'Your local time; leave empty for any time.' }),
      reach),
    field({ label: 'Send at (optional)', name: 'send_at', type: 'datetime-local', hint: 'Your local time; leave empty to send now.' }),
    h('div', { class: 'actions' }, submit));

  const text = form.elements.text;
  const counter = text.closest('.field').querySelector('.hint');
  const showLength = () => {
    counter.textContent = counterText(text.value.length);
    counter.classList.toggle('over', text.value.length > MAX_TEXT);
  };
  text.addEventListener('input', showLength);

  const segment = () => ({
    tags_any: parseTags(form.elements.tags_any.value),
    tags_all: parseTags(form.elements.tags_all.value),
    sources: parseTags(form.elements.sources.value),
    seen_since: isoTime(form.elements.seen_since.value),
  });
  const recount = liveCount(bot, segment, reach, form);
  form.querySelector('fieldset.segment').addEventListener('input', recount);

  form.addEventListener('submit', event => {
    event.preventDefault();
    clearErrors(form);
    const body = { text: text.value, silent: form.elements.silent.checked, segment: segment(), send_at: isoTime(form.elements.send_at.value) };
    busy(submit, async () => {
      const broadcast = await api.createBroadcast(bot.id, body);
      form.reset();
      showLength();
      recount();
      const later = broadcast.send_at && Date.parse(broadcast.send_at) > Date.now();
      announce(later ? `Broadcast scheduled for ${new Date(broadcast.send_at).toLocaleString()}.` : 'Broadcast created: it starts within seconds.');
      created(broadcast);
    }).catch(error => showErrors(form, byField(error)));
  });
  showLength();
  recount();
  return form;
}

const plain = { spellcheck: 'false', autocapitalize: 'none' };

function counterText(length) {
  return `${length.toLocaleString()} of ${MAX_TEXT.toLocaleString()} characters (Telegram counts most emoji as 2).`;
}

/** A datetime-local value (the reader's time) as an instant for the API; what cannot be read goes as typed, for the API to name. */
function isoTime(local) {
  if (!local) {
    return null;
  }
  const instant = new Date(local);
  return Number.isNaN(instant.getTime()) ? local : instant.toISOString();
}

/** The API names an item of a list (["body", "segment", "tags_any", 1]); its message goes under the list's field. */
function byField(error) {
  error.fields = (error.fields || []).map(f => ({ ...f, loc: f.loc.filter(part => typeof part !== 'number') }));
  return error;
}

/**
 * A function that asks for the segment's count after COUNT_AFTER_MS without another call, and
 * shows the answer in `reach` (with data-count) unless a newer question was asked meanwhile.
 */
function liveCount(bot, segment, reach, form) {
  let asked = 0;
  let timer;
  return () => {
    clearTimeout(timer);
    reach.setAttribute('aria-busy', 'true');
    timer = setTimeout(async () => {
      const question = ++asked;
      let words;
      let count = null;
      try {
        ({ count } = await api.countSubscribers(bot.id, segment()));
        words = count === 0 ? 'Reaches nobody: no active subscriber matches now.'
          : `Reaches ${count.toLocaleString()} active subscriber${count === 1 ? '' : 's'} now.`;
      } catch (error) {
        words = `Not counted: ${reason(byField(error), form)}`;
      }
      if (question === asked) {
        reach.textContent = words;
        reach.dataset.count = count === null ? '' : String(count);
        reach.removeAttribute('aria-busy');
      }
    }, COUNT_AFTER_MS);
  };
}

/** A refusal in a few words: the field it names and the API's message, or the message alone. */
function reason(error, form) {
  const first = error.fields[0];
  if (!first) {
    return error.message;
  }
  const input = form.querySelector(`[data-loc="${CSS.escape(first.loc.slice(1).join('.'))}"]`);
  const label = input && form.querySelector(`label[for="${CSS.escape(input.id)}"]`);
  return label ? `${label.textContent}: ${first.msg}` : first.msg;
}

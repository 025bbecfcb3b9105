// "Send failed deliveries again": every failed delivery of the endpoint created since a time is
// due again now (the replay route), for one more attempt each. The API answers how many; a
// disabled endpoint is refused (409) and a time it cannot read is a 422, both in its words.

import * as api from './api.js';
import { h, field, alertBox, showErrors, clearErrors, busy, announce } from './dom.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `replayed()` is called after the API took a replay, to show the log again. */
export function replayForm(bot, endpointId, replayed) {
  const submit = h('button', { type: 'submit' }, 'Send failed deliveries again');
  const answer = h('output', { class: 'replayed', 'aria-live': 'polite' });
  const form = h('form', { class: 'card replay', novalidate: true, 'aria-labelledby': 'replay-title' },
    h('h2', { id: 'replay-title' }, 'Send failed deliveries again'),
    h('p', {}, 'Every failed delivery created since this time is sent once more, now (and, if it had retries left, those too). '
      + 'Deliveries still pending or delivered are left as they are.'),
    alertBox(),
    field({ label: 'Created since', name: 'since', type: 'datetime-local', value: localTime(new Date(Date.now() - DAY_MS)),
      hint: 'Your local time: the failed deliveries created since then are sent again.' }),
    h('div', { class: 'actions' }, submit),
    answer);
  form.addEventListener('submit', event => {
    event.preventDefault();
    clearErrors(form);
    answer.textContent = '';
    delete answer.dataset.replayed;
    const local = form.elements.since.value;
    const instant = new Date(local);
    // What cannot be read goes as typed, for the API to name.
    const since = local && !Number.isNaN(instant.getTime()) ? instant.toISOString() : local;
    busy(submit, async () => {
      const { replayed: count } = await api.replayDeliveries(bot.id, endpointId, since);
      const when = instant.toLocaleString();
      answer.dataset.replayed = String(count);
      answer.textContent = count === 0 ? `No delivery failed since ${when}: nothing to send again.`
        : `${count.toLocaleString()} failed deliver${count === 1 ? 'y' : 'ies'} since ${when} ${count === 1 ? 'is' : 'are'} sent again.`;
      announce(answer.textContent);
      replayed();
    }).catch(error => showErrors(form, error));
  });
  return form;
}

/** An instant as a datetime-local value, in the reader's time zone: "2026-12-01T14:05". */
function localTime(date) {
  const pad = n => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

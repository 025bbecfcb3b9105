// An event endpoint's fields, for the form that adds one and the one that changes it: its URL,
// the events it takes (the contract's eight, as checkboxes) and a description. The API checks
// them (https only unless the operator allows http, no user-info, at least one event) and its
// 422 is shown under the field it names, in its words.

import { h, field, uid } from './dom.js';

export const EVENTS = [
  ['message.received', 'A text message that is not one of the bot\'s commands'],
  ['command.received', 'One of the bot\'s commands, /start and /stop included'],
  ['subscriber.joined', 'A new subscriber'],
  ['subscriber.blocked', 'A subscriber blocked the bot'],
  ['subscriber.unsubscribed', 'A subscriber sent /stop'],
  ['message.sent', 'A message sent through the API reached its chat'],
  ['message.failed', 'A message sent through the API was refused'],
  ['broadcast.finished', 'A broadcast is done or cancelled, with its counts'],
];

/** The fields, filled with `endpoint`'s values when it is given. */
export function endpointFields(endpoint) {
  const id = uid('events');
  const chosen = new Set(endpoint ? endpoint.events : []);
  return [
    field({ label: 'URL', name: 'url', type: 'url', value: endpoint?.url, required: true, maxlength: 2048, spellcheck: 'false',
      autocomplete: 'off', autocapitalize: 'none', hint: 'Where BotFactory posts the events: https://…' }),
    h('fieldset', { class: 'events', id, 'data-loc': 'events', tabindex: -1, 'aria-describedby': `${id}-error` },
      h('legend', {}, 'Events'),
      h('p', { class: 'hint' }, 'Choose one at least.'),
      h('ul', { class: 'event-choices' }, EVENTS.map(([event, meaning]) => {
        const box = uid('event');
        return h('li', { class: 'field check' },
          h('input', { type: 'checkbox', id: box, name: 'events', value: event, checked: chosen.has(event) }),
          h('label', { for: box }, h('code', {}, event), h('span', { class: 'meaning' }, meaning)));
      })),
      h('p', { class: 'field-error', id: `${id}-error`, hidden: true })),
    field({ label: 'Description (optional)', name: 'description', multiline: true, rows: 2, value: endpoint?.description,
      maxlength: 512, hint: 'What receives the events, for you to recognise the endpoint.' }),
  ];
}

/** The form's values as the API takes them: an empty description is none. */
export function endpointValues(form) {
  const description = form.elements.description.value.trim();
  return {
    url: form.elements.url.value.trim(),
    events: [...form.querySelectorAll('input[name="events"]:checked')].map(box => box.value),
    description: description || null,
  };
}

/** The API names an item of the events list (["body", "events", 2]); its message goes under the list. */
export function byField(error) {
  error.fields = (error.fields || []).map(f => ({ ...f, loc: f.loc.filter(part => typeof part !== 'number') }));
  return error;
}

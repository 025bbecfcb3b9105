// A bot's event endpoints: the list (each with its events, whether it is enabled and, when it is
// not, why, in the API's words), the form that adds one, and on each one: its delivery log
// (deliveries.js), a change of its URL, events or description, enable or disable, a new secret,
// delete. A secret (a new endpoint's, a rotated one's) is shown once, in this page only (once.js).

import * as api from './api.js';
import { h, alertBox, showErrors, clearErrors, busy, announce, confirmed } from './dom.js';
import { shortTime } from './dates.js';
import { showOnce, forget } from './once.js';
import { endpointFields, endpointValues, byField } from './endpointform.js';

const STATUSES = { enabled: ['Enabled', 'ok'], disabled: ['Disabled', 'bad'] };

export function endpointsSection(bot) {
  const secret = h('div', { class: 'new-key new-secret', hidden: true });
  const list = h('div', { class: 'endpoint-list', 'aria-live': 'polite', 'aria-busy': 'true' }, h('p', {}, 'Loading…'));
  // Draws the list again; `focus` selects what takes the keyboard focus in it then (the title when it is gone).
  const refresh = async focus => {
    list.setAttribute('aria-busy', 'true');
    try {
      const endpoints = await api.listEndpoints(bot.id);
      list.replaceChildren(endpoints.length === 0
        ? h('p', { class: 'empty' }, 'No endpoints yet: add one below to receive the bot\'s events.')
        : h('ol', { class: 'endpoints' }, endpoints.map(e => endpointItem(bot, e, secret, refresh))));
    } catch (error) {
      list.replaceChildren(h('p', { class: 'alert', role: 'alert' }, error.message));
    } finally {
      list.removeAttribute('aria-busy');
    }
    if (focus) {
      (list.querySelector(focus) || title).focus();
    }
  };
  const title = h('h2', { id: 'endpoints-title', tabindex: -1 }, 'Event endpoints');
  refresh();
  return h('div', {},
    h('section', { class: 'card', 'aria-labelledby': 'endpoints-title' },
      title,
      h('p', {}, 'BotFactory posts the events you choose to your URL as they happen, as JSON signed with the endpoint\'s secret ',
        '(Standard Webhooks). A delivery without a 2xx answer within 15 seconds is tried again for more than a day; an endpoint ',
        'whose every delivery fails for 5 days is disabled.'),
      secret,
      list),
    createForm(bot, secret, refresh));
}

function createForm(bot, secret, refresh) {
  const submit = h('button', { type: 'submit' }, 'Add endpoint');
  const form = h('form', { class: 'card endpoint-form', novalidate: true, 'aria-labelledby': 'new-endpoint-title' },
    h('h2', { id: 'new-endpoint-title' }, 'Add an endpoint'),
    alertBox(),
    endpointFields(null),
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', event => {
    event.preventDefault();
    clearErrors(form);
    const values = endpointValues(form);
    busy(submit, async () => {
      const created = await api.createEndpoint(bot.id, values);
      form.reset();
      await refresh();
      showSecret(secret, created, `The secret of ${created.url}`, [
        'Your receiver checks each delivery\'s webhook-signature with it. Copy it now and keep it safe: it is shown this once, '
        + 'and BotFactory cannot show it again ("Rotate secret" makes a new one).']);
      announce('The endpoint was added. Copy its secret now: it is shown only once.');
    }).catch(error => showErrors(form, byField(error)));
  });
  return form;
}

function showSecret(holder, endpoint, title, explanation) {
  showOnce(holder, { id: endpoint.id, title, explanation, value: endpoint.secret, label: `The secret of ${endpoint.url}`, noun: 'secret' });
}

function endpointItem(bot, endpoint, secret, refresh) {
  const item = h('li', { class: 'endpoint', 'data-endpoint-id': endpoint.id });
  const alert = h('p', { class: 'alert', role: 'alert', hidden: true });
  const failed = error => {
    alert.textContent = error.message;
    alert.hidden = false;
  };
  const act = (words, kind, work) => {
    const button = h('button', { type: 'button', class: `${kind} small`, 'data-action': words }, words);
    button.addEventListener('click', () => {
      alert.hidden = true;
      work(button).catch(failed);
    });
    return button;
  };
  const [label, kind] = STATUSES[endpoint.status] || [endpoint.status, 'off'];
  const enabled = endpoint.status === 'enabled';
  item.replaceChildren(...[ // what is null (no reason, no description) is left out
    h('p', { class: 'endpoint-head' }, h('span', { class: `badge badge-${kind}`, 'data-status': endpoint.status }, label),
      h('span', { class: 'url' }, endpoint.url)),
    enabled ? null : h('div', { class: 'disabled-reason' },
      h('p', {}, h('strong', {}, 'Nothing is delivered to this endpoint.'), ' Reason: ',
        h('span', { class: 'reason' }, endpoint.disabled_reason || 'none given'), '.'),
      h('p', {}, 'Its events are not kept for it until you enable it again; then "Send failed deliveries again", in its ',
        'delivery log, sends those that failed.')),
    endpoint.description ? h('p', { class: 'description' }, endpoint.description) : null,
    h('p', { class: 'meta' }, 'Events: ', h('span', { class: 'event-names' }, endpoint.events.join(', ')), ' · added ',
      shortTime(endpoint.created_at)),
    h('div', { class: 'actions' },
      h('a', { class: 'button-link', href: `#/bots/${bot.id}/endpoints/${endpoint.id}` }, 'Delivery log'),
      act('Edit', 'secondary', async () => editInPlace(bot, endpoint, item, refresh)),
      act(enabled ? 'Disable' : 'Enable', 'secondary', button => busy(button, async () => {
        await api.updateEndpoint(bot.id, endpoint.id, { status: enabled ? 'disabled' : 'enabled' });
        announce(enabled ? 'The endpoint is disabled: nothing is sent to it.' : 'The endpoint is enabled again.');
        await refresh(`[data-endpoint-id="${endpoint.id}"] [data-action="${enabled ? 'Enable' : 'Disable'}"]`);
      })),
      act('Rotate secret', 'secondary', button => rotate(bot, endpoint, secret, button)),
      act('Delete', 'danger', button => remove(bot, endpoint, secret, refresh, button))),
    alert].filter(Boolean));
  return item;
}

async function rotate(bot, endpoint, secret, button) {
  if (!(await confirmed(`Give ${endpoint.url} a new secret?`, 'The new secret is shown once. For 24 hours every delivery '
    + 'carries a signature under the old secret too, so that your receiver can switch without losing any; then only the '
    + 'new one signs.', 'Rotate secret'))) {
    button.focus();
    return;
  }
  await busy(button, async () => {
    const rotated = await api.rotateSecret(bot.id, endpoint.id);
    showSecret(secret, rotated, `The new secret of ${rotated.url}`, [
      'Copy it now and keep it safe: it is shown this once.',
      'The old secret keeps signing deliveries for 24 hours (each delivery then carries both signatures): switch your receiver '
      + 'to the new one within that time.']);
    announce('The secret was rotated. Copy the new one now: it is shown only once.');
  });
}

async function remove(bot, endpoint, secret, refresh, button) {
  if (!(await confirmed(`Delete the endpoint ${endpoint.url}?`, 'Events are no longer sent to it, and its delivery log goes '
    + 'with it. This cannot be undone.', 'Delete endpoint'))) {
    button.focus();
    return;
  }
  await busy(button, async () => {
    await api.deleteEndpoint(bot.id, endpoint.id);
    if (secret.dataset.secretOf === endpoint.id) {
      forget(secret);
    }
    announce(`The endpoint ${endpoint.url} was deleted.`);
    await refresh(`[data-endpoint-id="${endpoint.id}"]`); // gone: the list's title takes the focus
  });
}

/** Turns the item into a form that changes the URL, the events and the description. */
function editInPlace(bot, endpoint, item, refresh) {
  const submit = h('button', { type: 'submit' }, 'Save changes');
  const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
  const form = h('form', { class: 'endpoint-form', novalidate: true, 'aria-label': `Change the endpoint ${endpoint.url}` },
    alertBox(), endpointFields(endpoint), h('div', { class: 'actions' }, submit, cancel));
  const before = [...item.childNodes];
  cancel.addEventListener('click', () => {
    item.replaceChildren(...before);
    item.querySelector('[data-action="Edit"]').focus();
  });
  form.addEventListener('submit', event => {
    event.preventDefault();
    clearErrors(form);
    const values = endpointValues(form);
    busy(submit, async () => {
      await api.updateEndpoint(bot.id, endpoint.id, values);
      announce('The endpoint was changed.');
      await refresh(`[data-endpoint-id="${endpoint.id}"] [data-action="Edit"]`);
    }).catch(error => showErrors(form, byField(error)));
  });
  item.replaceChildren(form);
  form.elements.url.focus();
}

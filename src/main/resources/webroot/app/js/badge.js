// A bot's webhook state (the Bot's `webhook` field) as a badge with words, not colour alone,
// and what the owner can do about it.

import { h, time } from './dom.js';

const STATES = {
  active: ['Active', 'ok', 'Telegram delivers this bot\'s messages to BotFactory.'],
  pending: ['Pending', 'wait', 'Waiting for Telegram to confirm the latest change.'],
  polling: ['Polling', 'ok', 'This server has no public address, so BotFactory fetches the bot\'s messages from Telegram itself.'],
  failing: ['Failing', 'warn', 'Telegram could not be reached or asked to wait; BotFactory keeps retrying by itself.'],
  token_rejected: ['Token rejected', 'bad',
    'Telegram no longer accepts this token: it was revoked or regenerated with @BotFather. '
    + 'Get the bot\'s current token from @BotFather (/token) and paste it under "Replace the token".'],
  disabled: ['Disabled', 'off', 'The bot is deactivated: Telegram keeps its messages until you activate it again.'],
};

// The dashboard is served by the same jar as the API, so every status is one of the above; an
// unknown one is still shown, in its own words, rather than hidden.
const state = webhook => STATES[webhook.status] || [webhook.status, 'off', ''];

/** The badge: <span class="badge badge-ok" data-status="active">Active</span>. */
export function webhookBadge(webhook) {
  const [label, kind] = state(webhook);
  return h('span', { class: `badge badge-${kind}`, 'data-status': webhook.status }, label);
}

/** Whether BotFactory is still working on it (the state will change by itself). */
export function unsettled(webhook) {
  return webhook.status === 'pending' || webhook.status === 'failing';
}

/** What the state means and, when there is one, the last error and when it happened. */
export function webhookDetails(webhook) {
  const [, , meaning] = state(webhook);
  return h('div', { class: 'webhook-details' },
    meaning ? h('p', {}, meaning) : null,
    webhook.last_error
      ? h('p', { class: 'last-error' }, 'Last error: ', h('q', {}, webhook.last_error),
        webhook.last_error_at ? [' (', time(webhook.last_error_at), ')'] : null)
      : null);
}

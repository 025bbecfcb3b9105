// A bot's broadcasts: the form that composes one (compose.js) and the list, newest first, each
// with its status, its progress (asked again every 1.5 s while it is sent or about to start),
// the buttons that pause, resume or cancel it, and its report as a CSV file. A 409 (the broadcast
// moved on meanwhile: it ended, or was steered elsewhere) is shown in the API's words, with the
// broadcast as it now is.

import * as api from './api.js';
import { h, busy, announce, confirmed, uid } from './dom.js';
import { shortTime as time } from './dates.js';
import { pagedList } from './paging.js';
import { downloadButton } from './download.js';
import { composeForm } from './compose.js';

const POLL_MS = 1500;
const RECHECK_MS = 60000; // a broadcast scheduled later is not asked about before it is due
const STATUSES = {
  scheduled: ['Scheduled', 'wait'], running: ['Sending', 'ok'], paused: ['Paused', 'warn'],
  done: ['Done', 'off'], cancelled: ['Cancelled', 'bad'],
};
const ACTIONS = {
  scheduled: [['cancel', 'Cancel broadcast']],
  running: [['pause', 'Pause'], ['cancel', 'Cancel broadcast']],
  paused: [['resume', 'Resume'], ['cancel', 'Cancel broadcast']],
};
const DONE_WORDS = { pause: 'Broadcast paused.', resume: 'Broadcast resumed.', cancel: 'Broadcast cancelled.' };

export function broadcastsSection(bot) {
  const list = pagedList({
    load: page => api.listBroadcasts(bot.id, page),
    render: (items, first) => items.length > 0
      ? h('ol', { class: 'broadcast-list' }, items.map(b => broadcastItem(bot, b)))
      : h('p', { class: 'empty' }, first ? 'No broadcasts yet.' : 'No more broadcasts.'),
    className: 'broadcasts',
    label: 'Pages of broadcasts',
    refresh: true,
  });
  return h('div', {},
    composeForm(bot, () => list.reload()),
    h('div', { class: 'card' }, h('h2', {}, 'Broadcasts'), list.content, list.nav));
}

function broadcastItem(bot, broadcast) {
  const textId = uid('broadcast-text');
  const badge = h('span', { class: 'badge' });
  const when = h('p', { class: 'meta when' });
  const progress = h('div', { class: 'progress' });
  const actions = h('div', { class: 'actions' });
  const alert = h('p', { class: 'alert', role: 'alert', hidden: true });
  const item = h('li', { class: 'broadcast', 'data-broadcast-id': broadcast.id },
    h('p', { class: 'broadcast-head' }, badge, broadcast.silent ? h('span', { class: 'badge badge-off' }, 'Silent') : null),
    h('p', { class: 'broadcast-text', id: textId, tabindex: -1 }, broadcast.text),
    h('p', { class: 'meta' }, audience(broadcast.segment)),
    when, progress, actions, alert);
  let current = null;
  let drawn = 0;
  let timer;

  const draw = b => {
    drawn += 1;
    const before = current;
    current = b;
    const [label, kind] = STATUSES[b.status] || [b.status, 'off'];
    badge.className = `badge badge-${kind}`;
    badge.dataset.status = b.status;
    badge.textContent = label;
    when.replaceChildren(...moments(b));
    progress.replaceChildren(...progressOf(b));
    if (!before || before.status !== b.status || (before.counts.recipients === null) !== (b.counts.recipients === null)) {
      const hadFocus = actions.contains(document.activeElement);
      actions.replaceChildren(...(ACTIONS[b.status] || []).map(([action, words]) =>
        h('button', { type: 'button', class: action === 'cancel' ? 'danger' : 'secondary', 'aria-describedby': textId,
          'data-action': action, onclick: event => steer(action, event.currentTarget) }, words)),
      b.counts.recipients === null ? null
        : downloadButton('Download the report (CSV)', () => api.exportRecipients(bot.id, b.id), alert, { 'aria-describedby': textId }));
      if (hadFocus) {
        (actions.querySelector('button') || item.querySelector('.broadcast-text')).focus();
      }
    }
  };

  // Asks again while the broadcast is sent or about to start, as long as it is on the page; an
  // answer to a question asked before the page last drew the broadcast is dropped.
  const follow = () => {
    clearTimeout(timer);
    const wait = nextLook(current);
    if (wait === null) {
      return;
    }
    timer = setTimeout(() => {
      if (!item.isConnected) {
        return;
      }
      if (!due(current)) {
        follow();
        return;
      }
      const asked = drawn;
      api.getBroadcast(bot.id, current.id)
        .then(b => asked === drawn && draw(b))
        .catch(() => {})
        .finally(follow);
    }, wait);
  };

  const steer = async (action, button) => {
    if (action === 'cancel' && !(await confirmed('Cancel this broadcast?',
      'Subscribers who have not received it yet will not get it, and it cannot be resumed.', 'Cancel broadcast'))) {
      button.focus();
      return;
    }
    alert.hidden = true;
    await busy(button, async () => {
      try {
        draw(await api.steerBroadcast(bot.id, current.id, action));
        announce(DONE_WORDS[action]);
      } catch (error) {
        alert.textContent = error.message;
        alert.hidden = false;
        if (error.status === 409) {
          await api.getBroadcast(bot.id, current.id).then(draw).catch(() => {});
        }
      }
    });
    follow();
  };

  draw(broadcast);
  follow();
  return item;
}

/** How long until the broadcast should be looked at again, or null when it changes only by its owner's hand. */
function nextLook(b) {
  if (b.status === 'running') {
    return POLL_MS;
  }
  if (b.status !== 'scheduled') {
    return null;
  }
  const until = b.send_at ? Date.parse(b.send_at) - Date.now() : 0;
  return Math.min(Math.max(until, POLL_MS), RECHECK_MS);
}

/** Whether the engine may be starting or sending it now. */
function due(b) {
  return b.status === 'running' || !b.send_at || Date.parse(b.send_at) <= Date.now() + POLL_MS;
}

function audience(segment) {
  const parts = [
    segment.tags_any.length > 0 ? `with any of the tags ${segment.tags_any.join(', ')}` : null,
    segment.tags_all.length > 0 ? `with all of the tags ${segment.tags_all.join(', ')}` : null,
    segment.sources.length > 0 ? `who came by ${segment.sources.join(', ')}` : null,
    segment.seen_since ? `who wrote since ${new Date(segment.seen_since).toLocaleString()}` : null,
  ].filter(Boolean);
  return parts.length === 0 ? 'To every active subscriber.' : `To the active subscribers ${parts.join('; ')}.`;
}

function moments(b) {
  const parts = [['Created ', time(b.created_at)]];
  if (b.status === 'scheduled') {
    parts.push(b.send_at && Date.parse(b.send_at) > Date.now() ? ['Sends at ', time(b.send_at)] : ['Starts within seconds']);
  } else if (b.finished_at) {
    parts.push(['Finished ', time(b.finished_at)]);
  } else if (b.started_at) {
    parts.push(['Started ', time(b.started_at)]);
  }
  return parts.flatMap((part, i) => i === 0 ? part : [' · ', ...part]);
}

/** The progress bar and the counts: every recipient ends sent, blocked, failed, uncertain or cancelled. */
function progressOf(b) {
  const c = b.counts;
  if (c.recipients === null) {
    return [h('p', { class: 'meta' }, 'Its recipients are fixed when it starts: the segment\'s active subscribers then.')];
  }
  const finished = c.recipients - c.pending;
  const others = [['blocked', 'blocked the bot'], ['failed', 'failed'], ['uncertain', 'uncertain'], ['cancelled', 'cancelled'],
    ['pending', 'waiting']].filter(([key]) => c[key] > 0).map(([key, words]) => ` · ${c[key].toLocaleString()} ${words}`);
  return [
    h('progress', { max: Math.max(c.recipients, 1), value: c.recipients === 0 ? 1 : finished,
      'aria-label': `${finished} of ${c.recipients} recipients done` }),
    h('p', { class: 'counts' }, h('strong', { class: 'sent' }, `${c.sent.toLocaleString()} of ${c.recipients.toLocaleString()} sent`), others),
  ];
}

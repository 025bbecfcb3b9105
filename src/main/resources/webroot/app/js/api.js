// The one place that talks to the BotFactory API: JSON in and out, the bearer token of the
// session, the Link header of paged lists, and the contract's {"detail": ...} errors turned
// into an ApiError. Every path is on this origin (the page's CSP allows no other).

import * as session from './session.js';

/** A failed call: the API's own words, the 422 field list, and the wait of a 429/503. */
export class ApiError extends Error {
  constructor(status, detail, retryAfter) {
    super(typeof detail === 'string' ? detail
      : Array.isArray(detail) ? 'Some fields need correcting.'
      : status === 0 ? 'BotFactory cannot be reached; check the connection and try again.'
      : `The request failed (HTTP ${status}).`);
    this.status = status;
    // [{loc: ['body', 'commands', 3, 'reply'], msg: '...'}]
    this.fields = Array.isArray(detail) ? detail.map(e => ({ loc: e.loc || [], msg: readable(e.msg) })) : [];
    this.retryAfter = retryAfter;
  }
}

/**
 * A 422 message for people: without the "Value error, " that the API's FastAPI-compatible
 * messages start with (the name of a Python exception, kept for the API's clients), and with a
 * capital letter: "Value error, command names must be unique" → "Command names must be unique".
 */
function readable(msg) {
  const text = String(msg || 'Invalid value').replace(/^Value error, /, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

let expired = () => {};

/** Called when the API refuses the session's token (expired, or the account is gone). */
export function onSessionExpired(handler) {
  expired = handler;
}

async function call(method, path, { json, form, anonymous = false } = {}) {
  const headers = { Accept: 'application/json' };
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (form) {
    body = new URLSearchParams(form);
  }
  const token = anonymous ? null : session.token();
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body, cache: 'no-store', credentials: 'omit', redirect: 'error' });
  } catch {
    throw new ApiError(0);
  }
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    throw refused(response, data, token);
  }
  return { data, next: nextPage(response.headers.get('Link')) };
}

/** The ApiError of a refused call; a refused token ends the session. */
function refused(response, data, token) {
  if (response.status === 401 && token) {
    session.end();
    expired();
  }
  const wait = Number.parseInt(response.headers.get('Retry-After'), 10);
  return new ApiError(response.status, data && data.detail, Number.isNaN(wait) ? null : wait);
}

/**
 * A file the API sends as an attachment (the CSV exports): fetched with the session's token,
 * which never goes into a URL, and answered as {blob, filename} for the page to save.
 */
async function download(path) {
  const token = session.token();
  let response;
  try {
    response = await fetch(path, {
      headers: { Accept: 'text/csv, application/json', Authorization: `Bearer ${token}` },
      cache: 'no-store', credentials: 'omit', redirect: 'error',
    });
  } catch {
    throw new ApiError(0);
  }
  if (!response.ok) {
    throw refused(response, await response.json().catch(() => null), token);
  }
  const named = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '');
  try {
    return { blob: await response.blob(), filename: named ? named[1] : 'export.csv' };
  } catch {
    throw new ApiError(0); // the stream was cut: a part of the file is no file
  }
}

/** The rel="next" target of a Link header, only when it is a path on this origin. */
function nextPage(link) {
  const match = /<([^>]*)>\s*;\s*rel="?next"?/.exec(link || '');
  return match && match[1].startsWith('/') && !match[1].startsWith('//') ? match[1] : null;
}

const bot = id => `/bots/${encodeURIComponent(id)}`;
const data = promise => promise.then(r => r.data);

export const register = (email, password, fullName) =>
  data(call('POST', '/auth/register', { json: { email, password, full_name: fullName || null }, anonymous: true }));

/** The OAuth2 password flow, form-encoded as FastAPI clients send it. */
export const login = (username, password) => data(call('POST', '/auth/token', { form: { username, password }, anonymous: true }));

export const me = () => data(call('GET', '/clients/me'));

/** The account's API keys, without the keys; a new one comes with its key, this once. */
export const listApiKeys = () => data(call('GET', '/clients/me/api-keys'));
export const createApiKey = name => data(call('POST', '/clients/me/api-keys', { json: { name } }));
export const revokeApiKey = id => data(call('DELETE', `/clients/me/api-keys/${encodeURIComponent(id)}`));

/** One page of the caller's bots: {data: [Bot], next: path | null}. */
export const listBots = (page = '/bots/me?limit=10') => call('GET', page);
export const createBot = fields => data(call('POST', '/bots', { json: fields }));
export const getBot = id => data(call('GET', bot(id)));
export const updateBot = (id, fields) => data(call('PATCH', bot(id), { json: fields }));
export const deleteBot = id => data(call('DELETE', bot(id)));

export const getCommands = id => data(call('GET', `${bot(id)}/commands`));
export const putCommands = (id, set) => data(call('PUT', `${bot(id)}/commands`, { json: set }));

/** One page of a bot's chats: {data: [Chat], next: path | null}. */
export const listChats = (id, page) => call('GET', page || `${bot(id)}/chats?limit=25`);
export const getWebhook = id => data(call('GET', `${bot(id)}/webhook`));

/** The query string of the set values of `params`, in their order. */
function query(params) {
  return new URLSearchParams(Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== '')).toString();
}

const broadcast = (id, bid) => `${bot(id)}/broadcasts/${encodeURIComponent(bid)}`;

/** One page of a bot's subscribers, filtered by {status, tag, source}: {data: [Subscriber], next: path | null}. */
export const listSubscribers = (id, filters, page) => call('GET', page || `${bot(id)}/subscribers?${query({ ...filters, limit: 25 })}`);
export const exportSubscribers = (id, filters) => download(`${bot(id)}/subscribers.csv?${query(filters)}`);
export const putTags = (id, chatId, tags) => data(call('PUT', `${bot(id)}/subscribers/${encodeURIComponent(chatId)}/tags`, { json: { tags } }));
/** {chat_ids, add, remove} → {changed, unknown}. */
export const changeTags = (id, change) => data(call('POST', `${bot(id)}/subscribers/tags`, { json: change }));
/** How many active subscribers a broadcast's segment reaches now: {count}. */
export const countSubscribers = (id, segment) => data(call('POST', `${bot(id)}/subscribers/count`, { json: { segment } }));

export const getStats = (id, days) => data(call('GET', `${bot(id)}/stats?days=${days}`));

/** One page of a bot's broadcasts, newest first: {data: [Broadcast], next: path | null}. */
export const listBroadcasts = (id, page) => call('GET', page || `${bot(id)}/broadcasts?limit=10`);
export const createBroadcast = (id, fields) => data(call('POST', `${bot(id)}/broadcasts`, { json: fields }));
export const getBroadcast = (id, bid) => data(call('GET', broadcast(id, bid)));
/** action: 'pause', 'resume' or 'cancel'; answers the broadcast as it then is. */
export const steerBroadcast = (id, bid, action) => data(call('POST', `${broadcast(id, bid)}/${action}`));
export const exportRecipients = (id, bid) => download(`${broadcast(id, bid)}/recipients.csv`);

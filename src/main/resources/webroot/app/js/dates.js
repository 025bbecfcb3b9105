// Dates as the audience screens show them, short enough for a table on a phone; the exact
// instant stays in the <time> element's datetime and title.

import { h } from './dom.js';

/** "2026-12-01" (a UTC day, as the API's figures count days) → "Dec 1", in the reader's language. */
export function shortDate(date) {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** A timestamp of the API as "Dec 1, 2026, 2:51 PM" in the reader's time zone; "—" for null. */
export function shortTime(ts) {
  return moment(ts, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The day of a timestamp of the API, "Dec 1, 2026", in the reader's time zone; "—" for null. */
export function shortDay(ts) {
  return moment(ts, { dateStyle: 'medium' });
}

function moment(ts, style) {
  if (!ts) {
    return '—';
  }
  const instant = new Date(ts);
  return h('time', { datetime: ts, title: instant.toLocaleString() }, instant.toLocaleString(undefined, style));
}

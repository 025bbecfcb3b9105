// Small DOM helpers shared by the screens. Text always goes in as text (never as HTML), so
// nothing the API or a user sends can become markup or script.

let ids = 0;

/** h('p', {class: 'note', onclick: f}, 'text', child) → element. */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'value') {
      element.value = value;
    } else {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  element.append(...children.flat().filter(c => c !== null && c !== undefined && c !== false));
  return element;
}

export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

/**
 * A labelled input (or textarea) with a hint and a place for its error, linked by
 * aria-describedby. `loc` is where the API's 422 names the field, after "body"
 * ("email", "commands.3.reply"): errors for that loc are shown here.
 */
export function field({ label, name, loc = name, type = 'text', value, hint, multiline = false, ...attributes }) {
  const id = uid(name);
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const input = multiline
    ? h('textarea', { id, name, rows: 3, 'data-loc': loc, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' '), ...attributes })
    : h('input', { id, name, type, 'data-loc': loc, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' '), ...attributes });
  if (value !== undefined && value !== null) {
    input.value = value;
  }
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    input,
    h('p', { class: 'field-error', id: errorId, hidden: true }));
}

/** The form-level message box: announced by screen readers when it changes. */
export function alertBox() {
  return h('div', { class: 'alert', role: 'alert', tabindex: -1, hidden: true });
}

export function clearErrors(form) {
  for (const input of form.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
  }
  for (const message of form.querySelectorAll('.field-error, .alert')) {
    message.textContent = '';
    message.hidden = true;
  }
}

/**
 * Shows an ApiError (or a list of {loc, msg} found before sending) on the form: each message
 * next to its field, the rest, and the API's detail, in the form's alert box. Focus moves to
 * the first invalid field, or to the alert.
 */
export function showErrors(form, error) {
  clearErrors(form);
  const alert = form.querySelector('.alert');
  const unplaced = [];
  let first = null;
  for (const { loc, msg } of error.fields || []) {
    const input = form.querySelector(`[data-loc="${CSS.escape(loc.slice(1).join('.'))}"]`);
    if (!input) {
      unplaced.push(msg);
      continue;
    }
    const message = document.getElementById(`${input.id}-error`);
    message.textContent = message.textContent ? `${message.textContent} ${msg}` : msg;
    message.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    first = first || input;
  }
  const lines = [error.message];
  if (error.status === 429 && error.retryAfter !== null && error.retryAfter !== undefined) {
    lines.push(`You can try again in ${duration(error.retryAfter)}.`);
  }
  lines.push(...unplaced);
  if (alert) {
    alert.replaceChildren(...lines.map(line => h('p', {}, line)));
    alert.hidden = false;
  }
  (first || alert)?.focus?.();
}

/** "15 minutes", "1 minute 5 seconds", "40 seconds". */
export function duration(seconds) {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const part = (n, unit) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes === 0) {
    return part(rest, 'second');
  }
  return rest === 0 ? part(minutes, 'minute') : `${part(minutes, 'minute')} ${part(rest, 'second')}`;
}

/** A timestamp of the API, shown in the reader's locale. */
export function time(ts) {
  return ts ? h('time', { datetime: ts }, new Date(ts).toLocaleString()) : '—';
}

/** Disables the button while the work runs, so a double click sends one request. */
export async function busy(button, work) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/** Shows the page's confirmation dialog; resolves true only when the user confirms. */
export function confirmed(question, consequence, action) {
  const dialog = document.querySelector('dialog.confirm');
  dialog.querySelector('#confirm-title').textContent = question;
  dialog.querySelector('#confirm-text').textContent = consequence;
  dialog.querySelector('.confirm-button').textContent = action;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise(resolve => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true }));
}

let next = '';

/** A short message in the page's status line (role="status"), e.g. "Commands saved". */
export function announce(text) {
  const status = document.getElementById('status');
  status.textContent = text;
  status.hidden = !text;
}

/** A message for the screen the app is about to show (e.g. "Bot deleted", then the list). */
export function announceNext(text) {
  next = text;
}

/** Called by the router for each screen it shows: the message left for it, or none. */
export function showAnnouncement() {
  announce(next);
  next = '';
}

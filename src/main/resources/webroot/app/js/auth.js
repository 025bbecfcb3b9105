// Sign up and log in. Errors are shown as the API words them: "Incorrect email or password",
// a 429 with how long to wait, a 422's messages next to their fields.

import * as api from './api.js';
import * as session from './session.js';
import { h, field, alertBox, showErrors, clearErrors, busy, announceNext } from './dom.js';

export function loginScreen() {
  const submit = h('button', { type: 'submit' }, 'Log in');
  const form = h('form', { class: 'card narrow', novalidate: true },
    alertBox(),
    field({ label: 'Email', name: 'username', type: 'email', autocomplete: 'username', required: true }),
    field({ label: 'Password', name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const email = form.elements.username.value.trim();
    busy(submit, () => logIn(email, form.elements.password.value))
      .catch(error => showErrors(form, error));
  });
  return h('section', { class: 'auth' },
    h('h1', { tabindex: -1 }, 'Log in to BotFactory'),
    form,
    h('p', {}, 'No account yet? ', h('a', { href: '#/signup' }, 'Sign up')));
}

export function signupScreen() {
  const submit = h('button', { type: 'submit' }, 'Create account');
  const form = h('form', { class: 'card narrow', novalidate: true },
    alertBox(),
    field({ label: 'Email', name: 'email', type: 'email', autocomplete: 'email', required: true }),
    field({ label: 'Password', name: 'password', type: 'password', autocomplete: 'new-password', required: true,
      hint: '8 to 256 characters.' }),
    field({ label: 'Full name (optional)', name: 'full_name', autocomplete: 'name' }),
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', event => {
    event.preventDefault();
    clearErrors(form);
    const { email, password, full_name: fullName } = form.elements;
    busy(submit, async () => {
      const client = await api.register(email.value, password.value, fullName.value.trim());
      announceNext('Your account is ready. Add your first bot below.');
      await logIn(client.email, password.value);
    }).catch(error => showErrors(form, error));
  });
  return h('section', { class: 'auth' },
    h('h1', { tabindex: -1 }, 'Create a BotFactory account'),
    form,
    h('p', {}, 'Already have an account? ', h('a', { href: '#/login' }, 'Log in')));
}

async function logIn(email, password) {
  const answer = await api.login(email, password);
  session.start(answer.access_token, answer.expires_in, email);
  location.hash = '#/bots';
}

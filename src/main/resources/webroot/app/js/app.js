// The dashboard's entry point: the hash router (#/login, #/bots, #/bots/<id>/commands, #/account, ...),
// the account bar, and what happens when the session ends. Each screen is a module that
// returns its own element; the router puts it in <main> and moves focus to its heading.

import * as api from './api.js';
import * as session from './session.js';
import { announceNext, showAnnouncement } from './dom.js';
import { loginScreen, signupScreen } from './auth.js';
import { botsScreen } from './bots.js';
import { botScreen } from './bot.js';
import { accountScreen } from './account.js';

const routes = [
  { pattern: /^#\/login$/, open: true, screen: () => loginScreen() },
  { pattern: /^#\/signup$/, open: true, screen: () => signupScreen() },
  { pattern: /^#\/bots$/, screen: () => botsScreen() },
  { pattern: /^#\/account$/, screen: () => accountScreen() },
  { pattern: /^#\/bots\/([^/]+)(?:\/(settings|commands|chats|webhook))?$/, screen: ([id, tab]) => botScreen(id, tab || 'settings') },
  { pattern: /^#\/bots\/([^/]+)\/(subscribers|analytics|broadcasts)$/, screen: ([id, tab]) => botScreen(id, tab) },
];

const main = document.getElementById('main');

function render() {
  const hash = location.hash;
  const route = routes.find(r => r.pattern.test(hash));
  if (!route) {
    location.replace('#/bots');
    return;
  }
  if (!route.open && !session.token()) {
    location.replace('#/login');
    return;
  }
  if (route.open && session.token()) {
    location.replace('#/bots');
    return;
  }
  showAccount();
  showAnnouncement();
  const view = route.screen(route.pattern.exec(hash).slice(1));
  main.replaceChildren(view);
  const heading = view.querySelector('h1');
  document.title = heading ? `${heading.textContent} · BotFactory` : 'BotFactory';
  (heading || main).focus();
}

function showAccount() {
  const bar = document.querySelector('.account');
  bar.hidden = !session.token();
  bar.querySelector('.who').textContent = session.email() || '';
}

document.querySelector('.logout').addEventListener('click', () => {
  session.end();
  announceNext('You are logged out.');
  location.hash = '#/login';
});

api.onSessionExpired(() => {
  announceNext('Your session has ended; please log in again.');
  location.replace('#/login');
});

// The skip link moves focus without touching the hash, which belongs to the router.
document.querySelector('.skip-link').addEventListener('click', event => {
  event.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', render);
render();

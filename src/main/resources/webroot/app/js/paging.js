// A list paged as the API pages it: each answer's Link header names the next page; the pages
// already seen are remembered, to go back. Used for the bots, a bot's chats, subscribers and broadcasts.

import { h } from './dom.js';

/**
 * load(path | undefined) → {data, next}; render(items, isFirstPage) → element. Returns the
 * element that shows the page (aria-busy while loading), the navigation between pages, and
 * reload(), which shows the current page again (after a change made on it).
 */
export function pagedList({ load, render, className, label, refresh = false }) {
  const content = h('div', { class: className, 'aria-live': 'polite', 'aria-busy': 'true' }, h('p', {}, 'Loading…'));
  const nav = h('nav', { class: 'pager', 'aria-label': label });
  const pages = [undefined]; // the first page is the API's default
  let current = 0;

  async function show(index) {
    current = index;
    content.setAttribute('aria-busy', 'true');
    try {
      const { data, next } = await load(pages[index]);
      pages.length = index + 1;
      if (next) {
        pages.push(next);
      }
      content.replaceChildren(render(data, index === 0));
      const button = (words, target) => h('button', { type: 'button', class: 'secondary', onclick: () => show(target) }, words);
      nav.replaceChildren(...[
        index > 0 ? button('Previous page', index - 1) : null,
        next ? button('Next page', index + 1) : null,
        refresh ? button('Refresh', index) : null,
      ].filter(Boolean));
    } catch (error) {
      content.replaceChildren(h('p', { class: 'alert', role: 'alert' }, error.message));
    } finally {
      content.removeAttribute('aria-busy');
    }
  }
  show(0);
  return { content, nav, reload: () => show(current) };
}

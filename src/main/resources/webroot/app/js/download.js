// Files the API sends as attachments (the CSV exports), saved from the page: the route needs the
// bearer token, which must never go into a URL (a link would put it in the history and in
// logs), so the file is fetched by api.js and handed to the browser as a blob.

import { h, busy } from './dom.js';

/**
 * A button that fetches a file with `fetchFile()` → {blob, filename} and saves it; a refusal
 * is shown in `alert` (an element with role="alert"), in the API's words.
 */
export function downloadButton(label, fetchFile, alert, props = {}) {
  const button = h('button', { type: 'button', class: 'secondary', ...props }, label);
  button.addEventListener('click', () => busy(button, async () => {
    alert.hidden = true;
    try {
      const { blob, filename } = await fetchFile();
      save(blob, filename);
    } catch (error) {
      alert.textContent = error.message;
      alert.hidden = false;
    }
  }));
  return button;
}

function save(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // The blob is let go later rather than at once: some browsers read it after the click's task.
  setTimeout(() => URL.revokeObjectURL(url), 30000);
}

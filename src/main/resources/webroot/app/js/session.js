// The signed-in session: the access token from /auth/token, its expiry and the email it was
// issued for. Kept in memory, mirrored in sessionStorage so that a reload of the tab keeps the
// user signed in; never in localStorage (see docs/security.md, "The dashboard").

const KEY = 'botfactory.session';
let current = load();

function load() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY));
    return stored && typeof stored.token === 'string' ? stored : null;
  } catch {
    return null; // storage disabled or damaged: a session in memory only
  }
}

function save() {
  try {
    if (current) {
      sessionStorage.setItem(KEY, JSON.stringify(current));
    } else {
      sessionStorage.removeItem(KEY);
    }
  } catch {
    // storage disabled: the session lives as long as the page
  }
}

/** The bearer token, or null when signed out or expired. */
export function token() {
  if (current && Date.now() >= current.expiresAt) {
    end();
  }
  return current ? current.token : null;
}

export function email() {
  return current ? current.email : null;
}

export function start(accessToken, expiresInSeconds, forEmail) {
  current = { token: accessToken, expiresAt: Date.now() + expiresInSeconds * 1000, email: forEmail };
  save();
}

export function end() {
  current = null;
  save();
}

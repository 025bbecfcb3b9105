-- Throttling that cannot be walked around (issue 10).
--
-- 1. One canonical form of an email: NFKC, then each character lower-cased (Unicode's simple
-- mapping, as PostgreSQL's lower() does under a UTF-8 locale). The auth service computes it
-- (EmailAddress.canonical) once per request and uses it for sign-up uniqueness, the login
-- lookup and the throttle key alike; it was Java's lower-casing for the throttle and
-- PostgreSQL's lower() for the lookup, so 'vİctim@x.io' found victim's account under a
-- throttle counter of its own. Existing accounts get theirs computed here (for ASCII emails,
-- all but a handful, the two computations are the same text; EmailAddressTest holds the
-- service to PostgreSQL's for the tricky letters).
ALTER TABLE clients ADD COLUMN email_canonical text;
UPDATE clients SET email_canonical = lower(normalize(email, NFKC));

-- Two accounts whose emails were told apart before but not now (say 'ｖictim@x.io', in
-- full-width letters, beside 'victim@x.io') cannot share one canonical email: the oldest keeps
-- it; the others get one that no email computes to (it ends in their id), so they can no longer
-- log in by email, and are reported here for the operator.
DO $$
DECLARE
  clashes integer;
BEGIN
  WITH ranked AS (
    SELECT id, row_number() OVER (PARTITION BY email_canonical ORDER BY created_at, id) AS n FROM clients
  )
  UPDATE clients c SET email_canonical = c.email_canonical || ' #' || c.id
  FROM ranked r WHERE r.id = c.id AND r.n > 1;
  GET DIAGNOSTICS clashes = ROW_COUNT;
  IF clashes > 0 THEN
    RAISE WARNING '% client(s) share a canonical email with an older account and can no longer log in by email: '
      'SELECT id, email FROM clients WHERE email_canonical LIKE ''%% #%%''', clashes;
  END IF;
END $$;

ALTER TABLE clients ALTER COLUMN email_canonical SET NOT NULL;
CREATE UNIQUE INDEX clients_email_canonical_key ON clients (email_canonical);
DROP INDEX clients_email_lower_key;
COMMENT ON COLUMN clients.email_canonical IS
  'The email in canonical form (NFKC, lower-cased), computed by the auth service: unique, and what login looks up.';

-- 2. Attempt counters, counted before a password is verified (so concurrent guesses cannot
-- slip past a limit) and given back when the attempt succeeds or was never verified. Each
-- key has its own window (login and sign-up windows differ), so a row says when it expires,
-- which is also what the periodic purge compares against its index.
CREATE TABLE auth_attempts (
  key        text        PRIMARY KEY,
  expires_at timestamptz NOT NULL,
  attempts   integer     NOT NULL CHECK (attempts >= 0)
);
CREATE INDEX auth_attempts_expires_idx ON auth_attempts (expires_at);
COMMENT ON TABLE auth_attempts IS
  'Attempt counters shared by every auth node: ''email:<canonical email>'' and ''source:<address>'' (logins), ''signup:<address>'' (sign-ups). An attempt is counted before the password is checked; a login that succeeds, or any attempt that was never checked, gives its count back. The window starts at the first attempt counted and ends at expires_at; expired rows are purged periodically.';
COMMENT ON COLUMN auth_attempts.attempts IS 'Attempts counted in the window: failed ones and those still being checked.';

-- The failures of the windows still open carry over, on the default 15-minute window.
INSERT INTO auth_attempts (key, expires_at, attempts)
  SELECT key, window_start + interval '15 minutes', failures FROM login_failures
  WHERE window_start + interval '15 minutes' > now();
DROP TABLE login_failures;

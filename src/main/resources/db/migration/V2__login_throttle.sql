-- Failed-login counters shared by every auth node: one row per email ('email:<lower email>')
-- and per source address ('source:<ip>'), each counting attempts within a window that starts
-- at its first attempt. Expired rows are deleted periodically.
CREATE TABLE login_failures (
  key          text        PRIMARY KEY,
  window_start timestamptz NOT NULL,
  failures     integer     NOT NULL
);

CREATE INDEX login_failures_window_idx ON login_failures (window_start);

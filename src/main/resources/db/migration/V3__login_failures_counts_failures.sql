-- V2's comment on login_failures said that rows count attempts; they count failed logins only
-- (a right password is never counted, and clears the email's row). Said where psql shows it.
COMMENT ON TABLE login_failures IS
  'Failed-login counters shared by every auth node: one row per email (''email:<lower email>'') and per source address (''source:<ip>''), each counting failed logins within a window that starts at its first failure. A successful login deletes its email''s row; expired rows are purged periodically.';
COMMENT ON COLUMN login_failures.failures IS 'Failed logins within the window (never successful ones).';
COMMENT ON COLUMN login_failures.window_start IS 'When the first failure of the current window happened.';

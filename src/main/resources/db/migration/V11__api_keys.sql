-- API keys (issue 20), owned by the auth service: a client's long-lived credentials for programs,
-- accepted as `Authorization: Bearer bfk_...` beside the login token.
--
-- A key is stored only as the SHA-256 of its text (32 bytes): the key is 32 random bytes, so its
-- hash can be neither reversed nor guessed, and looking a presented key up is one index read of
-- its hash (docs/security.md, "API keys"). The key itself is shown once, at creation, and kept
-- nowhere. Revoking deletes the row. A client's keys go with the client (ON DELETE CASCADE).
CREATE TABLE api_keys (
  id           uuid        PRIMARY KEY,
  client_id    uuid        NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  name         text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 64),
  key_hash     bytea       NOT NULL CHECK (octet_length(key_hash) = 32),
  created_at   timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
  -- Written by a lookup at most once a minute per key, so that using a key is not a write.
  last_used_at timestamptz,
  CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash)
);

-- "This client's keys, oldest first", and the cascade from clients.
CREATE INDEX api_keys_client_created_idx ON api_keys (client_id, created_at, id);

-- How many keys the client holds, kept by the statements that create and revoke keys. A create
-- takes a slot with `UPDATE clients ... WHERE api_key_count < 20` in the same statement as its
-- INSERT: concurrent creates of one client queue on the client's row, and each re-reads the count
-- its predecessor left, so no interleaving ever passes the limit (a count of the api_keys rows
-- in the INSERT itself would read the statement's snapshot, taken before the wait).
ALTER TABLE clients ADD COLUMN api_key_count integer NOT NULL DEFAULT 0 CHECK (api_key_count >= 0);

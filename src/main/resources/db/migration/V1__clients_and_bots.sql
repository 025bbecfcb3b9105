-- Clients (owned by the auth service) and their bots (owned by the bot-storage service).
-- Timestamps are stored at millisecond precision, the precision the API renders, so an object
-- reads back exactly as it was shown.

CREATE TABLE clients (
  id            uuid        PRIMARY KEY,
  email         text        NOT NULL CHECK (char_length(email) BETWEEN 3 AND 254),
  password_hash text        NOT NULL,
  full_name     text        CHECK (char_length(full_name) <= 128),
  created_at    timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp())
);

-- One account per email whatever its letter case; also the index login looks emails up by.
CREATE UNIQUE INDEX clients_email_lower_key ON clients (lower(email));

CREATE TABLE bots (
  id               uuid        PRIMARY KEY,
  client_id        uuid        NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  name             text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 64),
  description      text        CHECK (char_length(description) <= 512),
  telegram_bot_id  bigint      NOT NULL CHECK (telegram_bot_id > 0),
  token_ciphertext bytea       NOT NULL,
  token_key_id     text        NOT NULL,
  token_last4      text        NOT NULL CHECK (char_length(token_last4) = 4),
  is_active        boolean     NOT NULL DEFAULT true,
  created_at       timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
  updated_at       timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
  -- A Telegram bot is registered once, by anyone: concurrent creates are settled here.
  CONSTRAINT bots_telegram_bot_id_key UNIQUE (telegram_bot_id)
);

-- "This client's bots, oldest first" and its keyset pages.
CREATE INDEX bots_client_created_idx ON bots (client_id, created_at, id);

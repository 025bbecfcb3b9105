-- Bots on Telegram: what Telegram said of each bot, each bot's command set, and the state each
-- Telegram bot should have at Telegram with what Telegram last confirmed.

-- From getMe: the bot's username, and whether Telegram confirmed the current token. A token
-- registered while Telegram could not be asked (and every bot registered before this version)
-- is checked later by the webhook workers.
ALTER TABLE bots ADD COLUMN telegram_username text CHECK (char_length(telegram_username) <= 64);
ALTER TABLE bots ADD COLUMN token_checked boolean NOT NULL DEFAULT false;

-- A bot's commands ([{"command", "description", "reply"}], names without their '/') and its
-- fallback reply, replaced whole by PUT /bots/{id}/commands. No row: never set.
CREATE TABLE bot_commands (
  bot_id         uuid        PRIMARY KEY REFERENCES bots (id) ON DELETE CASCADE,
  commands       jsonb       NOT NULL CHECK (jsonb_typeof(commands) = 'array'),
  fallback_reply text,
  updated_at     timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp())
);

-- One row per Telegram bot: the work of the webhook workers. Keyed by the Telegram bot id, not
-- the bot id, because that is what Telegram knows: a deleted bot's tombstone and a new
-- registration of the same Telegram bot are one row, worked on by one worker at a time.
CREATE TABLE webhooks (
  telegram_bot_id  bigint      PRIMARY KEY,
  -- The bot; for a tombstone, the deleted bot (its token is sealed to this id).
  bot_id           uuid        NOT NULL,
  -- A tombstone: the bot is deleted, its webhook not yet removed; its last token is kept
  -- (encrypted) until Telegram removes the webhook or rejects the token, then the row goes.
  deleted          boolean     NOT NULL DEFAULT false,
  token_ciphertext bytea,
  token_key_id     text,
  -- Every change Telegram must hear of bumps generation; done_generation is the one Telegram
  -- confirmed, under the workers' configuration done_fingerprint.
  generation       bigint      NOT NULL DEFAULT 1,
  done_generation  bigint      NOT NULL DEFAULT 0,
  done_fingerprint text,
  -- What the Bot shows (an inactive bot shows 'disabled' whatever this is).
  status           text        NOT NULL DEFAULT 'pending'
                               CHECK (status IN ('pending', 'active', 'polling', 'failing', 'token_rejected')),
  last_error       text        CHECK (char_length(last_error) <= 500),
  last_error_at    timestamptz,
  -- Back-off: failed attempts in a row, and when the row may be tried again.
  attempts         integer     NOT NULL DEFAULT 0,
  due_at           timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- The worker working on it, until when.
  lease_owner      text,
  lease_until      timestamptz,
  CHECK (deleted = (token_ciphertext IS NOT NULL)),
  CHECK ((token_ciphertext IS NULL) = (token_key_id IS NULL))
);

-- "What is due": the workers' sweep, and nothing else, reads it; rows with nothing to do are
-- not in it.
CREATE INDEX webhooks_due_idx ON webhooks (due_at)
  WHERE done_generation < generation AND status <> 'token_rejected';

-- Every bot registered before this version: its webhook is to be set.
INSERT INTO webhooks (telegram_bot_id, bot_id) SELECT telegram_bot_id, id FROM bots;

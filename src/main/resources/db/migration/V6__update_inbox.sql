-- The update path: every update Telegram delivered (or polling fetched), stored before it is
-- acknowledged, handled once; the chats that wrote to each bot; and which worker runs each bot.

-- The inbox. (bot_id, update_id) is unique, so a redelivery, concurrent or to another node, is
-- stored once. payload is the update's JSON text exactly as received (text, not jsonb: jsonb
-- refuses some escapes a message may hold, such as \u0000). chat_id is the chat the update
-- belongs to (0 when it has none): updates of one chat are handled in update_id order.
CREATE TABLE updates (
  bot_id          uuid        NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  update_id       bigint      NOT NULL CHECK (update_id >= 0),
  chat_id         bigint      NOT NULL,
  kind            text        NOT NULL,
  payload         text        NOT NULL,
  received_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- Handling: when, and what came of the reply (sent, none, blocked, failed, dropped, skipped).
  handled_at      timestamptz,
  reply           text        CHECK (reply IN ('sent', 'none', 'blocked', 'failed', 'dropped', 'skipped')),
  reply_error     text        CHECK (char_length(reply_error) <= 500),
  -- A reply Telegram could not take yet (5xx, network): tried again from then on.
  attempts        integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  PRIMARY KEY (bot_id, update_id),
  CHECK ((handled_at IS NULL) = (reply IS NULL))
);

-- What is left to handle, per bot in update_id order: the workers read nothing else.
CREATE INDEX updates_unhandled_idx ON updates (bot_id, update_id) WHERE handled_at IS NULL;
-- Replies waiting to be tried again: their chat waits with them (one chat's updates in order).
CREATE INDEX updates_waiting_idx ON updates (bot_id, chat_id) WHERE handled_at IS NULL AND next_attempt_at IS NOT NULL;
-- The purge of handled updates past their retention.
CREATE INDEX updates_handled_idx ON updates (handled_at) WHERE handled_at IS NOT NULL;

-- The chats that wrote to each bot (GET /bots/{id}/chats).
CREATE TABLE chats (
  bot_id        uuid        NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  chat_id       bigint      NOT NULL,
  type          text        NOT NULL CHECK (type IN ('private', 'group', 'supergroup', 'channel')),
  first_seen_at timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  -- The user blocked the bot (Telegram answered 403): nothing is sent until the chat writes again.
  blocked       boolean     NOT NULL DEFAULT false,
  PRIMARY KEY (bot_id, chat_id)
);
CREATE INDEX chats_listing_idx ON chats (bot_id, first_seen_at, chat_id);

-- Which worker runs each bot (handles its updates; polls it when there is no public URL), until
-- when; one at a time. poll_offset: the next update_id to ask getUpdates for.
CREATE TABLE bot_workers (
  bot_id      uuid        PRIMARY KEY REFERENCES bots (id) ON DELETE CASCADE,
  lease_owner text,
  lease_until timestamptz,
  poll_offset bigint      NOT NULL DEFAULT 0
);

-- Integration: messages sent through the API, and events delivered to the owner's endpoints.

-- POST /bots/{id}/messages: sent by the node holding the bot, after its replies and before its
-- broadcasts; at most once: marked sending in a durable commit before the message goes out, so a
-- node that dies leaves it uncertain, never sent again.
CREATE TABLE messages (
  id          uuid        PRIMARY KEY,
  bot_id      uuid        NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  chat_id     bigint      NOT NULL,
  text        text        NOT NULL CHECK (char_length(text) BETWEEN 1 AND 4096),
  silent      boolean     NOT NULL DEFAULT false,
  status      text        NOT NULL DEFAULT 'queued'
                          CHECK (status IN ('queued', 'sending', 'sent', 'blocked', 'failed', 'uncertain')),
  -- The hold of the bot under which it was marked sending.
  epoch       bigint,
  created_at  timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
  sent_at     timestamptz,
  error       text        CHECK (char_length(error) <= 500)
);
-- What the bot's holder has to send, oldest first.
CREATE INDEX messages_queued_idx ON messages (bot_id, created_at, id) WHERE status = 'queued';
CREATE INDEX messages_sending_idx ON messages (bot_id) WHERE status = 'sending';

-- Idempotency-Key: the same key for the same bot within 24 hours answers the first request's
-- message (request_hash: the request body's, so the same key with another body is refused).
CREATE TABLE message_keys (
  bot_id       uuid        NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  key          text        NOT NULL CHECK (char_length(key) BETWEEN 1 AND 255),
  message_id   uuid        NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  request_hash bytea       NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (bot_id, key)
);
CREATE INDEX message_keys_age_idx ON message_keys (created_at);

-- An owner's HTTPS endpoints for a bot's events. The signing secret is sealed like a bot's token
-- (AES-256-GCM under the token key, bound to the endpoint id); after a rotation the previous one
-- also signs until previous_until.
CREATE TABLE endpoints (
  id                 uuid        PRIMARY KEY,
  bot_id             uuid        NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  url                text        NOT NULL CHECK (char_length(url) <= 2048),
  events             text[]      NOT NULL CHECK (cardinality(events) >= 1),
  description        text        CHECK (char_length(description) <= 512),
  status             text        NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'disabled')),
  disabled_reason    text        CHECK (char_length(disabled_reason) <= 500),
  secret_ciphertext  bytea       NOT NULL,
  secret_key_id      text        NOT NULL,
  previous_ciphertext bytea,
  previous_key_id    text,
  previous_until     timestamptz,
  -- Since when every delivery has failed (null: the last one got through); five days of that disables it.
  failing_since      timestamptz,
  created_at         timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp())
);
CREATE INDEX endpoints_bot_idx ON endpoints (bot_id, created_at, id);

-- The outbox: an event is written in the same transaction as what causes it, with one delivery
-- per endpoint of the bot subscribed to its type at that moment. body is the delivery's JSON text
-- ({"type", "timestamp", "bot_id", "data"}), the same on every attempt; id is the webhook-id.
CREATE TABLE events (
  id         uuid        PRIMARY KEY,
  bot_id     uuid        NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  type       text        NOT NULL,
  body       text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp())
);
CREATE INDEX events_age_idx ON events (created_at);

CREATE TABLE deliveries (
  id               uuid        PRIMARY KEY,
  event_id         uuid        NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  endpoint_id      uuid        NOT NULL REFERENCES endpoints (id) ON DELETE CASCADE,
  status           text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         integer     NOT NULL DEFAULT 0,
  last_status_code integer,
  last_error       text        CHECK (char_length(last_error) <= 500),
  next_attempt_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  delivered_at     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
  -- The delivery worker working on it, until when.
  lease_owner      text,
  lease_until      timestamptz
);
-- What is due, for the delivery workers' claims.
CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at) WHERE status = 'pending';
-- An endpoint's delivery log, newest first.
CREATE INDEX deliveries_endpoint_idx ON deliveries (endpoint_id, created_at DESC, id DESC);

-- A bot's audience: its subscribers (private chats that wrote to it), its daily figures, and its
-- broadcasts with each recipient's outcome.

-- Written by the update engine in the same statement as the outcomes of the updates that caused
-- the change (a new subscriber, a name, a block, /stop, /start); tags by the bot's owner.
CREATE TABLE subscribers (
  bot_id            uuid        NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  chat_id           bigint      NOT NULL,
  first_name        text        CHECK (char_length(first_name) <= 64),
  username          text        CHECK (char_length(username) <= 32),
  language_code     text        CHECK (char_length(language_code) <= 35),
  -- The payload of the subscriber's first /start, if it carried one (a deep link); set once, by
  -- the first /start (started: one came).
  source            text        CHECK (source ~ '^[A-Za-z0-9_-]{1,64}$'),
  started           boolean     NOT NULL DEFAULT false,
  tags              text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 20),
  status            text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked', 'unsubscribed')),
  first_seen_at     timestamptz NOT NULL,
  last_seen_at      timestamptz NOT NULL,
  status_changed_at timestamptz NOT NULL,
  PRIMARY KEY (bot_id, chat_id)
);
-- A segment's active subscribers, and the counts by status.
CREATE INDEX subscribers_status_idx ON subscribers (bot_id, status, chat_id);

-- Per bot and UTC day, added to as the work happens (the inbox is purged): updates stored, replies
-- Telegram took (commands, fallback, /stop), every message Telegram took (replies, broadcasts, API
-- messages), new subscribers, blocks and unsubscriptions.
CREATE TABLE bot_daily_stats (
  bot_id          uuid    NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  day             date    NOT NULL,
  updates         integer NOT NULL DEFAULT 0,
  replies         integer NOT NULL DEFAULT 0,
  messages_sent   integer NOT NULL DEFAULT 0,
  new_subscribers integer NOT NULL DEFAULT 0,
  blocked         integer NOT NULL DEFAULT 0,
  unsubscribed    integer NOT NULL DEFAULT 0,
  PRIMARY KEY (bot_id, day)
);

CREATE TABLE broadcasts (
  id          uuid        PRIMARY KEY,
  bot_id      uuid        NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  text        text        NOT NULL CHECK (char_length(text) BETWEEN 1 AND 4096),
  silent      boolean     NOT NULL DEFAULT false,
  -- {"tags_any": [...], "tags_all": [...], "sources": [...], "seen_since": ts | null}
  segment     jsonb       NOT NULL,
  send_at     timestamptz,
  status      text        NOT NULL DEFAULT 'scheduled'
                          CHECK (status IN ('scheduled', 'running', 'paused', 'done', 'cancelled')),
  created_at  timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
  started_at  timestamptz,
  finished_at timestamptz,
  -- When it may start (send_at, or its creation): scheduled broadcasts of a bot start in this order.
  due_at      timestamptz NOT NULL,
  -- Telegram asked to wait (a 429): no send before this.
  paused_until timestamptz,
  -- The counts: recipients is fixed when it starts (null before); the others follow the recipients.
  recipients  integer,
  pending     integer     NOT NULL DEFAULT 0,
  sent        integer     NOT NULL DEFAULT 0,
  blocked     integer     NOT NULL DEFAULT 0,
  failed      integer     NOT NULL DEFAULT 0,
  uncertain   integer     NOT NULL DEFAULT 0,
  cancelled   integer     NOT NULL DEFAULT 0
);
-- At most one broadcast of a bot runs at a time; a paused one keeps that place.
CREATE UNIQUE INDEX broadcasts_one_running_idx ON broadcasts (bot_id) WHERE status IN ('running', 'paused');
CREATE INDEX broadcasts_due_idx ON broadcasts (due_at) WHERE status = 'scheduled';
-- A bot's broadcasts, newest first, paged.
CREATE INDEX broadcasts_bot_idx ON broadcasts (bot_id, created_at DESC, id DESC);

-- Each recipient's outcome. pending -> sending (marked, in its own commit, before the message goes
-- to Telegram: a node that dies leaves it sending, then it ends uncertain, never sent again) ->
-- sent | blocked | failed | uncertain; pending -> cancelled.
CREATE TABLE broadcast_recipients (
  broadcast_id uuid        NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
  chat_id      bigint      NOT NULL,
  status       text        NOT NULL DEFAULT 'pending'
                           CHECK (status IN ('pending', 'sending', 'sent', 'blocked', 'failed', 'uncertain', 'cancelled')),
  -- The hold of the bot under which it was marked sending.
  epoch        bigint,
  sent_at      timestamptz,
  error        text        CHECK (char_length(error) <= 500),
  PRIMARY KEY (broadcast_id, chat_id)
);
CREATE INDEX broadcast_recipients_pending_idx ON broadcast_recipients (broadcast_id, chat_id) WHERE status = 'pending';
CREATE INDEX broadcast_recipients_sending_idx ON broadcast_recipients (broadcast_id) WHERE status = 'sending';

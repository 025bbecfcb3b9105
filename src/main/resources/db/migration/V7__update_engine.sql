-- The update engine: the database is the record, the event bus the conveyor.
--
-- A node running the engine holds its bots under one lease of its own (engine_nodes), renewed
-- by one statement however many bots it holds; a bot is held by a node while that node's lease
-- is live. Each hold has an epoch, bumped when a node takes the bot: the holder writes outcomes
-- only under its own epoch, so a node that lost the bot changes nothing.

CREATE TABLE engine_nodes (
  node_id     text        PRIMARY KEY,
  lease_until timestamptz NOT NULL,
  started_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- Holds of the workers that came before are per bot and lapse on their own: none survives.
ALTER TABLE bot_workers DROP COLUMN lease_until;
ALTER TABLE bot_workers RENAME COLUMN lease_owner TO node_id;
UPDATE bot_workers SET node_id = NULL;
ALTER TABLE bot_workers ADD COLUMN epoch bigint NOT NULL DEFAULT 0;
CREATE INDEX bot_workers_node_idx ON bot_workers (node_id) WHERE node_id IS NOT NULL;

-- Bumped by every change that decides how the bot answers (is_active, token, commands): a node
-- that cached the bot's profile reads it again when an update or a change names a newer one.
ALTER TABLE bots ADD COLUMN version bigint NOT NULL DEFAULT 1;

-- What handling an update needs of it (io.botfactory.bus.IncomingUpdate as JSON text), read from
-- the payload once, when it was received: a node that reads the inbox back gets these few
-- hundred bytes, never a payload of up to a megabyte. Null for updates stored before: their
-- payload is read instead.
ALTER TABLE updates ADD COLUMN meta text;

-- Retries of a reply now wait in the holder's memory (an update whose holder dies is tried again
-- from the start by the next one, within the same deadline from received_at).
DROP INDEX updates_waiting_idx;
ALTER TABLE updates DROP COLUMN attempts;
ALTER TABLE updates DROP COLUMN next_attempt_at;

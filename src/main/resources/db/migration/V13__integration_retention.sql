-- Integration's retention (deliveries.RetentionSweeper): what the purges, and the deletes they
-- cascade to, look rows up by.

-- An event's deliveries: the purge deletes an old event's finished deliveries, then the event
-- once it has none (and a deleted event's deliveries would otherwise be found by a full scan).
CREATE INDEX deliveries_event_idx ON deliveries (event_id);
-- Final messages past the retention, oldest first.
CREATE INDEX messages_age_idx ON messages (created_at);
-- A purged message's idempotency key, if it still has one (the cascade of message_keys' reference).
CREATE INDEX message_keys_message_idx ON message_keys (message_id);

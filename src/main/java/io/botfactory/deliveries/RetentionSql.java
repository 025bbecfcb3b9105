package io.botfactory.deliveries;

/**
 * The retention's statements, each deleting one bounded batch (the oldest first) and answering
 * how many rows it deleted. Each re-checks its condition on the row it deletes, so a row changed
 * meanwhile (a delivery sent again by a retry or a replay, a key taken again) is left alone, and
 * skips rows another transaction holds (another node's sweeper, a claim), which a later sweep gets.
 */
final class RetentionSql {

  /**
   * $1 at most this many. Idempotency keys past the contract's 24 hours (a key older than that
   * is taken again by a new request anyway).
   */
  static final String KEYS =
    "DELETE FROM message_keys k USING (SELECT bot_id, key FROM message_keys "
      + "  WHERE created_at < clock_timestamp() - interval '24 hours' ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED) old "
      + "WHERE k.bot_id = old.bot_id AND k.key = old.key AND k.created_at < clock_timestamp() - interval '24 hours'";

  /**
   * $1 retention days, $2 at most this many. The finished (delivered or failed) deliveries of
   * events past the retention; a pending one, retrying or made due again, stays with its event.
   */
  static final String DELIVERIES =
    "DELETE FROM deliveries WHERE id IN (SELECT d.id FROM events e JOIN deliveries d ON d.event_id = e.id "
      + "  WHERE e.created_at < clock_timestamp() - make_interval(days => $1) AND d.status <> 'pending' "
      + "  ORDER BY e.created_at LIMIT $2 FOR UPDATE OF d SKIP LOCKED) AND status <> 'pending'";

  /**
   * $1 retention days, $2 at most this many. Events past the retention with no delivery left
   * (their deliveries purged by {@link #DELIVERIES}, or their endpoints deleted): none is added
   * to an event once it is written, so an event without one is done with.
   */
  static final String EVENTS =
    "DELETE FROM events WHERE id IN (SELECT e.id FROM events e "
      + "  WHERE e.created_at < clock_timestamp() - make_interval(days => $1) "
      + "  AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id) ORDER BY e.created_at LIMIT $2 "
      + "  FOR UPDATE SKIP LOCKED)";

  /**
   * $1 retention days, $2 at most this many. Messages sent through the API past the retention,
   * once final; one still queued or being sent stays (its holder has yet to send or settle it).
   */
  static final String MESSAGES =
    "DELETE FROM messages WHERE id IN (SELECT id FROM messages "
      + "  WHERE created_at < clock_timestamp() - make_interval(days => $1) "
      + "  AND status IN ('sent', 'blocked', 'failed', 'uncertain') ORDER BY created_at LIMIT $2 "
      + "  FOR UPDATE SKIP LOCKED) AND status IN ('sent', 'blocked', 'failed', 'uncertain')";

  private RetentionSql() {
  }
}

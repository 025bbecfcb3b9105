package io.botfactory.updates;

/**
 * Every statement of the update workers. A worker handles a bot's updates only while it holds
 * the bot in {@code bot_workers} (one worker per bot at a time, so replies keep each chat's
 * order and the bot's pace is counted in one place), and it writes an outcome only while it
 * still holds it: a worker that lost its hold changes nothing.
 */
final class UpdateSql {

  /**
   * A condition on an unhandled update {@code u}: it may be handled now, i.e. no update of its chat
   * waits for a reply to be tried again (that one comes first: one chat's updates in order).
   */
  private static final String ACTIONABLE =
    "NOT EXISTS (SELECT 1 FROM updates w WHERE w.bot_id = u.bot_id AND w.chat_id = u.chat_id "
      + "AND w.handled_at IS NULL AND w.next_attempt_at > clock_timestamp())";

  /** The lease, as an expression of {@code $n} seconds from now. */
  private static final String UNTIL = "clock_timestamp() + make_interval(secs => %s)";

  /** $1 bot, $2 owner, $3 lease seconds. One row back: the bot is ours now. */
  static final String HOLD =
    "INSERT INTO bot_workers AS w (bot_id, lease_owner, lease_until) VALUES ($1, $2, " + String.format(UNTIL, "$3") + ") "
      + "ON CONFLICT (bot_id) DO UPDATE SET lease_owner = $2, lease_until = " + String.format(UNTIL, "$3") + " "
      + "  WHERE w.lease_owner IS NULL OR w.lease_owner = $2 OR w.lease_until < clock_timestamp() "
      + "RETURNING bot_id";

  /** $1 owner, $2 lease seconds. Answers the bots still ours. */
  static final String RENEW =
    "UPDATE bot_workers SET lease_until = " + String.format(UNTIL, "$2") + " WHERE lease_owner = $1 RETURNING bot_id";

  /**
   * $1 bot, $2 owner. Lets the bot go only if nothing of it is due: an update committed after
   * the last read keeps the worker on it (its nudge may have reached a worker that saw the bot
   * held, and gave up).
   */
  static final String LET_GO_IF_IDLE =
    "UPDATE bot_workers SET lease_owner = NULL, lease_until = NULL WHERE bot_id = $1 AND lease_owner = $2 "
      + "AND NOT EXISTS (SELECT 1 FROM updates u WHERE u.bot_id = $1 AND u.handled_at IS NULL AND " + ACTIONABLE + ") "
      + "RETURNING bot_id";

  /** $1 bot, $2 owner. */
  static final String LET_GO =
    "UPDATE bot_workers SET lease_owner = NULL, lease_until = NULL WHERE bot_id = $1 AND lease_owner = $2";

  /** $1 owner. On stop: every bot still held is free for the others at once. */
  static final String LET_GO_ALL =
    "UPDATE bot_workers SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1";

  /**
   * $1 bot, $2 at most this many, $3 only after this update_id (-1: all), $4 owner. What handling
   * needs of the bot, with its updates that may be handled now in update_id order, in one round
   * trip: one row per update, each carrying the bot's columns; one row with a null update_id when
   * none is due; no row when the bot is gone. {@code held} says whether the bot is still this
   * worker's: a worker that lost it gets no update to send (another may be sending them). A bot that
   * gave its Telegram bot id up (displaced) is not run: as inactive.
   */
  static final String READ =
    "SELECT b.is_active AND b.displaced_at IS NULL AS is_active, b.token_ciphertext, b.token_key_id, b.telegram_username, "
      + "  bc.commands, bc.fallback_reply, "
      + "  w.poll_offset, w.lease_owner IS NOT DISTINCT FROM $4 AS held, "
      + "  n.update_id, n.chat_id, n.kind, n.payload, n.attempts, n.next_attempt_at, n.received_at "
      + "FROM bots b LEFT JOIN bot_commands bc ON bc.bot_id = b.id LEFT JOIN bot_workers w ON w.bot_id = b.id "
      + "LEFT JOIN LATERAL (SELECT u.update_id, u.chat_id, u.kind, u.payload, u.attempts, u.next_attempt_at, u.received_at "
      + "  FROM updates u WHERE u.bot_id = b.id AND w.lease_owner = $4 AND u.handled_at IS NULL AND u.update_id > $3 "
      + "  AND " + ACTIONABLE + " ORDER BY u.update_id LIMIT $2) n ON true "
      + "WHERE b.id = $1 ORDER BY n.update_id";

  /**
   * $1 bot, $2 update_id, $3 owner, $4 reply outcome, $5 why (or null), $6 chat id (null: no chat
   * to record), $7 chat type, $8 the chat's blocked flag (null: keep). Marks the update handled
   * and records its chat, in one round trip; answers the handling lag, or nothing if the worker
   * no longer holds the bot or the update was handled already.
   */
  static final String HANDLED =
    "WITH held AS (SELECT 1 FROM bot_workers WHERE bot_id = $1 AND lease_owner = $3), "
      + "done AS (UPDATE updates SET handled_at = clock_timestamp(), reply = $4, reply_error = $5 "
      + "  WHERE bot_id = $1 AND update_id = $2 AND handled_at IS NULL AND EXISTS (SELECT 1 FROM held) "
      + "  RETURNING received_at, handled_at), "
      + "chat AS (INSERT INTO chats AS c (bot_id, chat_id, type, first_seen_at, last_seen_at, blocked) "
      + "  SELECT $1, $6, $7, done.received_at, done.received_at, COALESCE($8, false) FROM done WHERE $6::bigint IS NOT NULL "
      + "  ON CONFLICT (bot_id, chat_id) DO UPDATE SET type = EXCLUDED.type, "
      + "  last_seen_at = GREATEST(c.last_seen_at, EXCLUDED.last_seen_at), blocked = COALESCE($8, c.blocked) RETURNING 1) "
      + "SELECT extract(epoch FROM done.handled_at - done.received_at) AS lag FROM done";

  /** $1 bot, $2 update_id, $3 owner, $4 seconds to wait, $5 why. A reply Telegram could not take yet. */
  static final String LATER =
    "UPDATE updates SET attempts = attempts + 1, next_attempt_at = " + String.format(UNTIL, "$4") + ", reply_error = $5 "
      + "WHERE bot_id = $1 AND update_id = $2 AND handled_at IS NULL "
      + "AND EXISTS (SELECT 1 FROM bot_workers WHERE bot_id = $1 AND lease_owner = $3)";

  /** $1 at most this many. Bots with updates due that no worker holds: lost nudges, dead workers. */
  static final String DUE =
    "SELECT DISTINCT u.bot_id FROM updates u LEFT JOIN bot_workers b ON b.bot_id = u.bot_id "
      + "WHERE u.handled_at IS NULL AND (b.lease_owner IS NULL OR b.lease_until < clock_timestamp()) AND " + ACTIONABLE + " "
      + "LIMIT $1";

  /** $1 at most this many. Polling mode: active bots whose webhook Telegram removed, that no worker holds. */
  static final String TO_POLL =
    "SELECT b.id FROM bots b JOIN webhooks h ON h.telegram_bot_id = b.telegram_bot_id AND h.status = 'polling' "
      + "LEFT JOIN bot_workers w ON w.bot_id = b.id "
      + "WHERE b.is_active AND (w.lease_owner IS NULL OR w.lease_until < clock_timestamp()) LIMIT $1";

  /**
   * $1 bot, $2 owner, $3 update ids, $4 chat ids, $5 kinds, $6 payloads, $7 the next offset.
   * Stores what getUpdates gave, exactly as the webhook route does, and moves the bot's offset
   * on in the same transaction, so an update is either stored or asked for again.
   */
  static final String STORE_POLLED =
    "WITH held AS (UPDATE bot_workers SET poll_offset = GREATEST(poll_offset, $7) "
      + "  WHERE bot_id = $1 AND lease_owner = $2 RETURNING 1), "
      + "ins AS (INSERT INTO updates (bot_id, update_id, chat_id, kind, payload) "
      + "  SELECT $1, u.update_id, u.chat_id, u.kind, u.payload "
      + "  FROM unnest($3::bigint[], $4::bigint[], $5::text[], $6::text[]) AS u(update_id, chat_id, kind, payload) "
      + "  WHERE EXISTS (SELECT 1 FROM held) ON CONFLICT (bot_id, update_id) DO NOTHING RETURNING 1) "
      + "SELECT (SELECT count(*) FROM held) AS held, (SELECT count(*) FROM ins) AS stored";

  /** In a transaction of the workers' pool (asynchronous commits): this one's commit is durable. */
  static final String DURABLE_COMMIT = "SET LOCAL synchronous_commit = on";

  /** Updates stored and not yet handled, for the inbox-depth gauge. */
  static final String DEPTH = "SELECT count(*) AS depth FROM updates WHERE handled_at IS NULL";

  /** $1 retention hours, $2 at most this many. Handled updates past their retention, a bounded batch at a time. */
  static final String PURGE =
    "DELETE FROM updates WHERE ctid IN (SELECT ctid FROM updates WHERE handled_at IS NOT NULL "
      + "  AND handled_at < clock_timestamp() - make_interval(hours => $1) LIMIT $2)";

  private UpdateSql() {
  }
}

package io.botfactory.engine;

import io.botfactory.events.EventSql;

/**
 * The statements of the messages the API queues ({@code POST /bots/{id}/messages}), as the node
 * holding the bot sends them: at most once, each marked {@code sending} in a durable commit
 * before it goes to Telegram and its outcome recorded after, both under the hold's epoch, with
 * the {@code message.sent} or {@code message.failed} event for the owner's endpoints in the same
 * statement as the outcome.
 */
final class MessageSql {

  private static final String NOW = "date_trunc('milliseconds', clock_timestamp())";
  private static final String TODAY = "(clock_timestamp() AT TIME ZONE 'UTC')::date";

  /** $1 node. Bots held here with messages queued. */
  static final String QUEUED_HERE =
    "SELECT DISTINCT m.bot_id FROM messages m JOIN bot_workers w ON w.bot_id = m.bot_id AND w.node_id = $1 "
      + "WHERE m.status = 'queued'";

  /**
   * $1 bot, $2 node, $3 epoch. Opens the bot's messages for the node holding it under that
   * epoch: those marked sending under an older hold become uncertain (the node that marked them
   * is gone: Telegram may or may not have them), with a message.failed event each for the
   * endpoints that take it. Answers how many.
   */
  static final String OPEN =
    "WITH held AS (SELECT 1 FROM bot_workers WHERE bot_id = $1 AND node_id = $2 AND epoch = $3), "
      + "lost AS (UPDATE messages m SET status = 'uncertain', error = 'the node sending it stopped: Telegram may or may not have it' "
      + "  WHERE m.bot_id = $1 AND m.status = 'sending' AND m.epoch < $3 AND EXISTS (SELECT 1 FROM held) "
      + "  RETURNING m.id, m.bot_id, m.chat_id, m.status, m.error), " + events("lost", "'message.failed'")
      + "SELECT count(*) AS lost FROM lost";

  /** $1 bot, $2 at most this many. The bot's queued messages, oldest first, with their chat's type. */
  static final String QUEUED =
    "SELECT m.id, m.chat_id, m.text, m.silent, c.type FROM messages m "
      + "LEFT JOIN chats c ON c.bot_id = m.bot_id AND c.chat_id = m.chat_id "
      + "WHERE m.bot_id = $1 AND m.status = 'queued' ORDER BY m.created_at, m.id LIMIT $2";

  /** $1 node; $2 messages, $3 epochs. Marks messages sending while their bot is held by the node under that epoch; answers those marked. Durable. */
  static final String MARK =
    "UPDATE messages m SET status = 'sending', epoch = t.epoch FROM unnest($2::uuid[], $3::bigint[]) AS t(id, epoch) "
      + "JOIN bot_workers w ON w.node_id = $1 AND w.epoch = t.epoch "
      + "WHERE m.id = t.id AND w.bot_id = m.bot_id AND m.status = 'queued' RETURNING m.id";

  /**
   * $1 messages, $2 epochs, $3 outcomes (sent, blocked, failed; queued: Telegram asked to wait,
   * sent later), $4 Telegram's reasons. Records each outcome of a message still marked sending
   * under that epoch; blocks the subscribers and chats Telegram refused (403); adds the sent ones
   * to the bots' daily counters; writes message.sent or message.failed for the endpoints that take
   * it. Answers the deliveries written.
   */
  static final String RECORD =
    "WITH t AS (SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[]) AS t(id, epoch, outcome, error)), "
      + "r AS (UPDATE messages m SET status = t.outcome, error = t.error, "
      + "  sent_at = CASE WHEN t.outcome = 'sent' THEN " + NOW + " END, epoch = CASE WHEN t.outcome = 'queued' THEN NULL ELSE m.epoch END "
      + "  FROM t WHERE m.id = t.id AND m.status = 'sending' AND m.epoch = t.epoch "
      + "  RETURNING m.id, m.bot_id, m.chat_id, m.status, m.error), "
      + "blocks AS (UPDATE subscribers s SET status = 'blocked', status_changed_at = clock_timestamp() FROM r "
      + "  WHERE r.status = 'blocked' AND s.bot_id = r.bot_id AND s.chat_id = r.chat_id AND s.status <> 'blocked' "
      + "  RETURNING s.bot_id), "
      + "chats AS (UPDATE chats k SET blocked = true FROM r WHERE r.status = 'blocked' AND k.bot_id = r.bot_id "
      + "  AND k.chat_id = r.chat_id RETURNING 1), "
      + "stats AS (INSERT INTO bot_daily_stats AS d (bot_id, day, messages_sent, blocked) "
      + "  SELECT x.bot_id, " + TODAY + ", sum(x.sent), sum(x.blocked) FROM (SELECT bot_id, "
      + "  count(*) FILTER (WHERE status = 'sent') AS sent, 0 AS blocked FROM r GROUP BY 1 "
      + "  UNION ALL SELECT bot_id, 0, count(*) FROM blocks GROUP BY 1) x GROUP BY 1 "
      + "  ON CONFLICT (bot_id, day) DO UPDATE SET messages_sent = d.messages_sent + EXCLUDED.messages_sent, "
      + "  blocked = d.blocked + EXCLUDED.blocked RETURNING 1), "
      + "settled AS (SELECT * FROM r WHERE status <> 'queued'), "
      + events("settled", "CASE WHEN settled.status = 'sent' THEN 'message.sent' ELSE 'message.failed' END")
      + "SELECT count(*) AS deliveries FROM dl";

  /** CTEs {@code mev}, the events (bot_id, type, body) of the messages of relation {@code messages}, and the outbox's. */
  private static String events(String messages, String type) {
    return "mev AS (SELECT m.bot_id, m.type, " + EventSql.body("m.type", "m.bot_id",
      "jsonb_build_object('message', jsonb_build_object('id', m.id, 'chat_id', m.chat_id, 'status', m.status, "
        + "'error', m.error))") + " AS body FROM (SELECT " + messages + ".*, " + type + " AS type FROM " + messages + ") m), "
      + EventSql.write("mev");
  }

  private MessageSql() {
  }
}

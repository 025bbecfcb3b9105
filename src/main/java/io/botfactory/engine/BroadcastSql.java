package io.botfactory.engine;

import io.botfactory.events.EventSql;

/**
 * The statements of broadcasts as the engine runs them. A broadcast starts when it is due and
 * its bot has none running (its recipients fixed then: the segment's active subscribers); the
 * node holding the bot sends it, marking each recipient {@code sending} in a durable commit
 * before its message goes to Telegram and recording the outcome after, both under the hold's
 * epoch: a recipient a dead node left marked ends {@code uncertain}, never sent again.
 */
final class BroadcastSql {

  /** Today, in UTC: the day the counters of work done now are added to. */
  private static final String TODAY = "(clock_timestamp() AT TIME ZONE 'UTC')::date";
  private static final String NOW = "date_trunc('milliseconds', clock_timestamp())";

  /**
   * $1 at most this many. Starts the due scheduled broadcasts, the first of each active bot that
   * has none running (or paused): fixes their recipients, the segment's active subscribers now; one with
   * none is done at once (broadcast.finished). Answers the broadcasts started, their bots and statuses.
   */
  static final String START =
    "WITH due AS (SELECT b.id, b.bot_id, b.segment FROM broadcasts b JOIN bots o ON o.id = b.bot_id "
      + "  AND o.is_active AND o.displaced_at IS NULL "
      + "  WHERE b.status = 'scheduled' AND b.due_at <= clock_timestamp() "
      + "  AND NOT EXISTS (SELECT 1 FROM broadcasts r WHERE r.bot_id = b.bot_id AND r.status IN ('running', 'paused')) "
      + "  AND b.id = (SELECT f.id FROM broadcasts f WHERE f.bot_id = b.bot_id AND f.status = 'scheduled' "
      + "    ORDER BY f.due_at, f.created_at, f.id LIMIT 1) "
      + "  ORDER BY b.due_at LIMIT $1 FOR UPDATE OF b SKIP LOCKED), "
      + "rec AS (INSERT INTO broadcast_recipients (broadcast_id, chat_id) SELECT due.id, s.chat_id FROM due "
      + "  JOIN subscribers s ON s.bot_id = due.bot_id AND in_segment(s, due.segment) RETURNING broadcast_id), "
      + "n AS (SELECT broadcast_id, count(*) AS c FROM rec GROUP BY 1), "
      + "started AS (UPDATE broadcasts b SET status = CASE WHEN COALESCE(n.c, 0) = 0 THEN 'done' ELSE 'running' END, "
      + "  started_at = " + NOW + ", finished_at = CASE WHEN COALESCE(n.c, 0) = 0 THEN " + NOW + " END, "
      + "  recipients = COALESCE(n.c, 0), pending = COALESCE(n.c, 0) "
      + "  FROM due LEFT JOIN n ON n.broadcast_id = due.id WHERE b.id = due.id RETURNING b.*), "
      + "ended AS (SELECT * FROM started WHERE status = 'done'), " + EventSql.broadcastFinished("ended")
      + "SELECT id, bot_id, status FROM started";

  /** $1 node. The running broadcasts of the (active) bots this node holds, unless Telegram asked them to wait. */
  static final String RUNNING_HERE =
    "SELECT b.id, b.bot_id FROM broadcasts b JOIN bot_workers w ON w.bot_id = b.bot_id AND w.node_id = $1 "
      + "JOIN bots o ON o.id = b.bot_id AND o.is_active AND o.displaced_at IS NULL WHERE b.status = 'running' "
      + "AND (b.paused_until IS NULL OR b.paused_until <= clock_timestamp())";

  /** $1 broadcast, $2 seconds. Telegram asked the broadcast to wait (a 429): it waits, on whichever node. */
  static final String WAIT =
    "UPDATE broadcasts SET paused_until = GREATEST(COALESCE(paused_until, clock_timestamp()), "
      + "clock_timestamp() + make_interval(secs => $2)) WHERE id = $1";

  /**
   * $1 broadcast, $2 node, $3 epoch. Opens the broadcast for the node holding its bot under that
   * epoch: its recipients marked sending under an older hold become uncertain (the node that
   * marked them is gone: Telegram may or may not have their message), counted, and the broadcast
   * ends if that was all. Answers its text, whether silent, and its status; no row: not held.
   */
  static final String OPEN =
    "WITH held AS (SELECT b.id FROM broadcasts b JOIN bot_workers w ON w.bot_id = b.bot_id AND w.node_id = $2 "
      + "  AND w.epoch = $3 WHERE b.id = $1), "
      + "lost AS (UPDATE broadcast_recipients r SET status = 'uncertain' FROM held "
      + "  WHERE r.broadcast_id = held.id AND r.status = 'sending' AND r.epoch < $3 RETURNING 1), "
      + "n AS (SELECT count(*) AS c FROM lost), "
      + "opened AS (UPDATE broadcasts b SET uncertain = b.uncertain + n.c, pending = b.pending - n.c, "
      + "  status = CASE WHEN b.pending - n.c = 0 AND b.status = 'running' THEN 'done' ELSE b.status END, "
      + "  finished_at = CASE WHEN b.pending - n.c = 0 AND b.status = 'running' THEN " + NOW
      + "    ELSE b.finished_at END "
      + "  FROM held, n WHERE b.id = held.id RETURNING b.*, n.c AS lost), "
      + "ended AS (SELECT * FROM opened WHERE status = 'done' AND lost > 0), " + EventSql.broadcastFinished("ended")
      + "SELECT text, silent, status FROM opened";

  /** $1 broadcast, $2 after this chat id, $3 at most this many. The next recipients waiting to be sent to. */
  static final String PENDING =
    "SELECT chat_id FROM broadcast_recipients WHERE broadcast_id = $1 AND status = 'pending' AND chat_id > $2 "
      + "ORDER BY chat_id LIMIT $3";

  /**
   * $1 node; $2 broadcasts, $3 chat ids, $4 epochs. Marks recipients sending, before their
   * message goes to Telegram, while their broadcast runs (and Telegram did not ask it to wait) and
   * its bot is held by the node under that epoch; answers those marked. Run in a durable commit: a recipient is never sent to
   * unmarked.
   */
  static final String MARK =
    "UPDATE broadcast_recipients r SET status = 'sending', epoch = t.epoch "
      + "FROM unnest($2::uuid[], $3::bigint[], $4::bigint[]) AS t(broadcast_id, chat_id, epoch) "
      + "JOIN broadcasts b ON b.id = t.broadcast_id AND b.status = 'running' "
      + "  AND (b.paused_until IS NULL OR b.paused_until <= clock_timestamp()) "
      + "JOIN bot_workers w ON w.bot_id = b.bot_id AND w.node_id = $1 AND w.epoch = t.epoch "
      + "WHERE r.broadcast_id = t.broadcast_id AND r.chat_id = t.chat_id AND r.status = 'pending' "
      + "RETURNING r.broadcast_id, r.chat_id";

  /**
   * $1 broadcasts, $2 chat ids, $3 epochs, $4 outcomes (sent, blocked, failed; pending: Telegram
   * asked to wait, it is sent later), $5 Telegram's reasons. Records each outcome of a recipient
   * still marked sending under that epoch, adds it to its broadcast's counts and ends the
   * broadcast when none is left; blocks the subscribers and chats Telegram refused (403); adds
   * to the bots' daily counters; a broadcast that ends here is told to the endpoints
   * (broadcast.finished). Answers the broadcasts the outcomes were added to: id, status.
   */
  static final String RECORD =
    "WITH t AS (SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::text[], $5::text[]) "
      + "  AS t(broadcast_id, chat_id, epoch, outcome, error)), "
      + "r AS (UPDATE broadcast_recipients r SET status = t.outcome, error = t.error, "
      + "  sent_at = CASE WHEN t.outcome = 'sent' THEN " + NOW + " END "
      + "  FROM t WHERE r.broadcast_id = t.broadcast_id AND r.chat_id = t.chat_id AND r.status = 'sending' "
      + "  AND r.epoch = t.epoch RETURNING r.broadcast_id, r.chat_id, r.status), "
      + "c AS (SELECT broadcast_id, count(*) FILTER (WHERE status = 'sent') AS sent, "
      + "  count(*) FILTER (WHERE status = 'blocked') AS blocked, count(*) FILTER (WHERE status = 'failed') AS failed, "
      + "  count(*) FILTER (WHERE status <> 'pending') AS settled FROM r GROUP BY 1), "
      + "b AS (UPDATE broadcasts b SET sent = b.sent + c.sent, blocked = b.blocked + c.blocked, failed = b.failed + c.failed, "
      + "  pending = b.pending - c.settled, "
      + "  status = CASE WHEN b.pending - c.settled = 0 AND b.status = 'running' THEN 'done' ELSE b.status END, "
      + "  finished_at = CASE WHEN b.pending - c.settled = 0 AND b.status = 'running' THEN " + NOW
      + "    ELSE b.finished_at END "
      + "  FROM c WHERE b.id = c.broadcast_id RETURNING b.*, c.sent AS just_sent, c.settled), "
      + "refused AS (SELECT bb.bot_id, r.chat_id FROM r JOIN broadcasts bb ON bb.id = r.broadcast_id WHERE r.status = 'blocked'), "
      + "blocks AS (UPDATE subscribers s SET status = 'blocked', status_changed_at = clock_timestamp() FROM refused "
      + "  WHERE s.bot_id = refused.bot_id AND s.chat_id = refused.chat_id AND s.status <> 'blocked' RETURNING s.bot_id), "
      + "chats AS (UPDATE chats k SET blocked = true FROM refused WHERE k.bot_id = refused.bot_id "
      + "  AND k.chat_id = refused.chat_id RETURNING 1), "
      + "stats AS (INSERT INTO bot_daily_stats AS d (bot_id, day, messages_sent, blocked) "
      + "  SELECT x.bot_id, " + TODAY + ", sum(x.sent), sum(x.blocked) FROM (SELECT bot_id, just_sent AS sent, 0 AS blocked FROM b "
      + "  UNION ALL SELECT bot_id, 0, count(*) FROM blocks GROUP BY 1) x GROUP BY 1 "
      + "  ON CONFLICT (bot_id, day) DO UPDATE SET messages_sent = d.messages_sent + EXCLUDED.messages_sent, "
      + "  blocked = d.blocked + EXCLUDED.blocked RETURNING 1), "
      + "ended AS (SELECT * FROM b WHERE status = 'done' AND pending = 0 AND settled > 0), " + EventSql.broadcastFinished("ended")
      + "SELECT id, status FROM b";

  private BroadcastSql() {
  }
}

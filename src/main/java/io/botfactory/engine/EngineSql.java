package io.botfactory.engine;

/**
 * Every statement of the update engine. A node holds bots under one lease of its own
 * ({@code engine_nodes}); a bot is held by the node named in its {@code bot_workers} row while
 * that node's lease is live, and each take of a bot bumps the row's epoch. A node writes outcomes
 * only under the epoch it took the bot with: a node that lost the bot changes nothing.
 */
final class EngineSql {

  /** A live lease of node {@code n}, as a condition. */
  private static final String LIVE = "n.lease_until > clock_timestamp()";
  /** The lease, as an expression of {@code $2} seconds from now. */
  private static final String UNTIL = "clock_timestamp() + make_interval(secs => $2)";

  /** $1 node, $2 lease seconds. A node joins (or joins again after its lease lapsed), its lease live from now. */
  static final String JOIN =
    "INSERT INTO engine_nodes (node_id, lease_until) VALUES ($1, " + UNTIL + ") "
      + "ON CONFLICT (node_id) DO UPDATE SET lease_until = EXCLUDED.lease_until";

  /** $1 node, $2 lease seconds. One row back: renewed. None: the lease had lapsed, and every hold with it. */
  static final String RENEW =
    "UPDATE engine_nodes n SET lease_until = " + UNTIL + " WHERE n.node_id = $1 AND " + LIVE + " RETURNING 1";

  /** $1 node. A node that stops: its bots are free for the others at once, and its row goes. */
  static final String LEAVE =
    "WITH freed AS (UPDATE bot_workers SET node_id = NULL WHERE node_id = $1 RETURNING 1) "
      + "DELETE FROM engine_nodes WHERE node_id = $1";

  /** Rows of nodes whose lease lapsed an hour ago: nothing refers to them any more but stale holds, which are free. */
  static final String FORGET = "DELETE FROM engine_nodes WHERE lease_until < clock_timestamp() - interval '1 hour'";

  /**
   * $1 bot, $2 node. Takes the bot for the node, if the node's own lease is live and no other
   * live node holds the bot; answers the hold's new epoch and where polling is. No row: not taken
   * (or the bot is gone).
   */
  static final String TAKE =
    "INSERT INTO bot_workers AS w (bot_id, node_id, epoch) SELECT b.id, $2, 1 FROM bots b WHERE b.id = $1 "
      + "AND EXISTS (SELECT 1 FROM engine_nodes n WHERE n.node_id = $2 AND " + LIVE + ") "
      + "ON CONFLICT (bot_id) DO UPDATE SET node_id = $2, epoch = w.epoch + 1 "
      + "WHERE w.node_id IS NULL OR w.node_id = $2 "
      + "  OR NOT EXISTS (SELECT 1 FROM engine_nodes n WHERE n.node_id = w.node_id AND " + LIVE + ") "
      + "RETURNING w.epoch, w.poll_offset";

  /**
   * $1 node, $2 bots, $3 their epochs. Lets go of those bots still held under those epochs that
   * have nothing left unhandled (an update stored since keeps its bot held: its message may be on
   * its way here). Answers the bots let go.
   */
  static final String LET_GO =
    "UPDATE bot_workers w SET node_id = NULL FROM unnest($2::uuid[], $3::bigint[]) AS t(bot_id, epoch) "
      + "WHERE w.bot_id = t.bot_id AND w.node_id = $1 AND w.epoch = t.epoch "
      + "AND NOT EXISTS (SELECT 1 FROM updates u WHERE u.bot_id = w.bot_id AND u.handled_at IS NULL) "
      + "RETURNING w.bot_id";

  /** $1 bot. What answering the bot's updates needs; no row: the bot is gone. A displaced bot is not run: as inactive. */
  static final String PROFILE =
    "SELECT b.version, b.is_active AND b.displaced_at IS NULL AS is_active, b.token_ciphertext, b.token_key_id, b.telegram_username, bc.commands, "
      + "bc.fallback_reply FROM bots b LEFT JOIN bot_commands bc ON bc.bot_id = b.id WHERE b.id = $1";

  /**
   * $1 bot, $2 node, $3 epoch, $4 after this update_id, $5 at most this many. The bot's unhandled
   * updates in update_id order, while the node still holds it under that epoch: what handling
   * needs of each ({@code meta}; the payload only for updates stored before it was kept), when
   * each was stored, and the bot's version.
   */
  static final String BACKLOG =
    "SELECT u.update_id, u.meta, CASE WHEN u.meta IS NULL THEN u.payload END AS payload, "
      + "  (extract(epoch FROM u.received_at) * 1000)::bigint AS received_at, b.version "
      + "FROM bot_workers w JOIN bots b ON b.id = w.bot_id "
      + "JOIN updates u ON u.bot_id = w.bot_id AND u.handled_at IS NULL AND u.update_id > $4 "
      + "WHERE w.bot_id = $1 AND w.node_id = $2 AND w.epoch = $3 ORDER BY u.update_id LIMIT $5";

  /**
   * $1 node, $2 at most this many. Takes, in one statement, bots with unhandled updates, a
   * running broadcast or queued messages that no live node holds (lost messages, nodes that died), if the node's own
   * lease is live; answers
   * each bot taken with its hold's epoch and where polling is. Nodes sweeping at the same time
   * share them out: a bot another took meanwhile is left to it.
   */
  static final String TAKE_UNHELD =
    "WITH work AS (SELECT u.bot_id FROM updates u WHERE u.handled_at IS NULL "
      + "  UNION SELECT b.bot_id FROM broadcasts b WHERE b.status = 'running' "
      + "  AND (b.paused_until IS NULL OR b.paused_until <= clock_timestamp()) "
      + "  UNION SELECT m.bot_id FROM messages m WHERE m.status = 'queued'), "
      + "due AS (SELECT work.bot_id FROM work LEFT JOIN bot_workers h ON h.bot_id = work.bot_id "
      + "  WHERE h.node_id IS NULL OR NOT EXISTS "
      + "  (SELECT 1 FROM engine_nodes n WHERE n.node_id = h.node_id AND " + LIVE + ") LIMIT $2) "
      + "INSERT INTO bot_workers AS w (bot_id, node_id, epoch) SELECT due.bot_id, $1, 1 FROM due "
      + "WHERE EXISTS (SELECT 1 FROM engine_nodes n WHERE n.node_id = $1 AND " + LIVE + ") "
      + "ON CONFLICT (bot_id) DO UPDATE SET node_id = $1, epoch = w.epoch + 1 "
      + "WHERE w.node_id IS NULL OR w.node_id = $1 "
      + "  OR NOT EXISTS (SELECT 1 FROM engine_nodes n WHERE n.node_id = w.node_id AND " + LIVE + ") "
      + "RETURNING w.bot_id, w.epoch, w.poll_offset";

  /**
   * $1 node, $2 at most this many. The node's own bots with an update stored more than two
   * seconds ago and still unhandled, each with the first such update: one whose message never
   * arrived is read from the inbox.
   */
  static final String LAGGING =
    "SELECT u.bot_id, min(u.update_id) AS first FROM updates u JOIN bot_workers w ON w.bot_id = u.bot_id AND w.node_id = $1 "
      + "WHERE u.handled_at IS NULL AND u.received_at < clock_timestamp() - interval '2 seconds' "
      + "GROUP BY u.bot_id LIMIT $2";

  /** $1 node, $2 at most this many. Polling mode: active bots whose webhook Telegram removed, that no live node holds. */
  static final String TO_POLL =
    "SELECT b.id FROM bots b JOIN webhooks h ON h.telegram_bot_id = b.telegram_bot_id AND h.bot_id = b.id "
      + "  AND h.status = 'polling' "
      + "LEFT JOIN bot_workers w ON w.bot_id = b.id "
      + "WHERE b.is_active AND b.displaced_at IS NULL AND (w.node_id IS NULL OR NOT EXISTS "
      + "  (SELECT 1 FROM engine_nodes n WHERE n.node_id = w.node_id AND " + LIVE + ")) LIMIT $2";

  /**
   * $1 bot, $2 node, $3 epoch, $4 update ids, $5 chat ids, $6 kinds, $7 payloads, $8 metas, $9 the
   * next offset. Stores what getUpdates gave, exactly as the webhook route does, and moves the
   * bot's offset on in the same transaction, so an update is either stored or asked for again.
   * Answers whether the node still holds the bot and, per update stored, its id and when.
   */
  static final String STORE_POLLED =
    "WITH held AS (UPDATE bot_workers SET poll_offset = GREATEST(poll_offset, $9) "
      + "  WHERE bot_id = $1 AND node_id = $2 AND epoch = $3 RETURNING 1), "
      + "ins AS (INSERT INTO updates (bot_id, update_id, chat_id, kind, payload, meta) "
      + "  SELECT $1, u.update_id, u.chat_id, u.kind, u.payload, u.meta "
      + "  FROM unnest($4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::text[]) "
      + "  AS u(update_id, chat_id, kind, payload, meta) "
      + "  WHERE EXISTS (SELECT 1 FROM held) ON CONFLICT (bot_id, update_id) DO NOTHING "
      + "  RETURNING update_id, (extract(epoch FROM received_at) * 1000)::bigint AS received_at) "
      + "SELECT (SELECT count(*) FROM held) AS held, ins.update_id, ins.received_at FROM (SELECT 1) one "
      + "LEFT JOIN ins ON true";

  /** In a transaction of the engine's pool (asynchronous commits): this one's commit is durable. */
  static final String DURABLE_COMMIT = "SET LOCAL synchronous_commit = on";

  /** Updates stored and not yet handled, for the inbox-depth gauge. */
  static final String DEPTH = "SELECT count(*) AS depth FROM updates WHERE handled_at IS NULL";

  /** $1 retention hours, $2 at most this many. Handled updates past their retention, a bounded batch at a time. */
  static final String PURGE =
    "DELETE FROM updates WHERE ctid IN (SELECT ctid FROM updates WHERE handled_at IS NOT NULL "
      + "  AND handled_at < clock_timestamp() - make_interval(hours => $1) LIMIT $2)";

  private EngineSql() {
  }
}

package io.botfactory.engine;

import io.botfactory.events.EventSql;

/**
 * The one statement that writes a batch of outcomes ({@link Outcomes}), and everything the
 * updates caused with them, in the same transaction: the updates marked handled, their chats,
 * their subscribers, the bots' daily counters, and the events for the owners' endpoints (with
 * one delivery per subscribed endpoint: the outbox). Built from parts, each a few CTEs.
 */
final class OutcomeSql {

  /** Today, in UTC: the day the counters of work done now are added to. */
  private static final String TODAY = "(clock_timestamp() AT TIME ZONE 'UTC')::date";
  private static final String NOW_TEXT = EventSql.NOW_TEXT;

  /** A subscriber's status after a batch's change {@code si.change} to its status {@code so.status}. */
  private static final String NEW_STATUS =
    "CASE si.change WHEN 'active' THEN 'active' WHEN 'unsubscribed' THEN 'unsubscribed' WHEN 'blocked' THEN 'blocked' "
      + "WHEN 'unblock' THEN CASE WHEN so.status = 'blocked' THEN 'active' ELSE so.status END ELSE so.status END";

  /**
   * A row's last_seen_at is older than a minute before the update's ({@code $row}, {@code $in}
   * relations): kept to the minute, a chat that writes every few seconds is not a row written
   * with every update; anything else that changes is written at once.
   */
  private static final String STALE = "$row.last_seen_at < $in.seen_at - interval '1 minute'";

  /** A subscriber's columns, for its events. */
  private static final String SUBSCRIBER = "chat_id, first_name, username, language_code, source, status, tags";

  /** The updates held under their epoch, marked handled ({@code done}). */
  private static final String UPDATES =
    "WITH o AS (SELECT * FROM unnest($2::uuid[], $3::bigint[], $4::bigint[], $5::text[], $6::text[], $21::text[], "
      + "  $22::text[]) AS o(bot_id, update_id, epoch, reply, why, event, head)), "
      + "held AS (SELECT o.* FROM o JOIN bot_workers w ON w.bot_id = o.bot_id AND w.node_id = $1 AND w.epoch = o.epoch), "
      + "done AS (UPDATE updates u SET handled_at = clock_timestamp(), reply = held.reply, reply_error = held.why "
      + "  FROM held WHERE u.bot_id = held.bot_id AND u.update_id = held.update_id AND u.handled_at IS NULL "
      + "  RETURNING u.bot_id, u.update_id, u.reply, u.received_at, extract(epoch FROM u.handled_at - u.received_at) AS lag), ";

  /** The chats ({@code known} rows updated, {@code fresh} ones inserted: a row is one or the other). */
  private static final String CHATS =
    "c AS (SELECT t.* FROM unnest($7::uuid[], $8::bigint[], $9::text[], $10::timestamptz[], $11::boolean[]) "
      + "  AS t(bot_id, chat_id, type, seen_at, blocked) WHERE t.bot_id IN (SELECT bot_id FROM held)), "
      + "known AS (UPDATE chats k SET type = c.type, last_seen_at = GREATEST(k.last_seen_at, c.seen_at), "
      + "  blocked = COALESCE(c.blocked, k.blocked) FROM c WHERE k.bot_id = c.bot_id AND k.chat_id = c.chat_id "
      + "  AND (" + STALE.replace("$row", "k").replace("$in", "c") + " OR k.type <> c.type "
      + "  OR c.blocked IS NOT NULL AND c.blocked <> k.blocked) RETURNING 1), "
      + "fresh AS (INSERT INTO chats (bot_id, chat_id, type, first_seen_at, last_seen_at, blocked) "
      + "  SELECT c.bot_id, c.chat_id, c.type, c.seen_at, c.seen_at, COALESCE(c.blocked, false) FROM c "
      + "  ON CONFLICT (bot_id, chat_id) DO NOTHING RETURNING 1), ";

  /** The subscribers ({@code su} known ones, with their status before; {@code sn} new ones). */
  private static final String SUBSCRIBERS =
    "si AS (SELECT t.* FROM unnest($12::uuid[], $13::bigint[], $14::text[], $15::text[], $16::text[], $17::text[], "
      + "  $18::boolean[], $19::text[], $20::timestamptz[]) "
      + "  AS t(bot_id, chat_id, first_name, username, language_code, change, started, source, seen_at) "
      + "  WHERE t.bot_id IN (SELECT bot_id FROM held)), "
      + "so AS (SELECT s.bot_id, s.chat_id, s.status FROM subscribers s "
      + "  JOIN si ON si.bot_id = s.bot_id AND si.chat_id = s.chat_id FOR UPDATE OF s), "
      + "su AS (UPDATE subscribers s SET first_name = COALESCE(si.first_name, s.first_name), "
      + "  username = COALESCE(si.username, s.username), language_code = COALESCE(si.language_code, s.language_code), "
      + "  last_seen_at = GREATEST(s.last_seen_at, si.seen_at), status = " + NEW_STATUS + ", "
      + "  status_changed_at = CASE WHEN " + NEW_STATUS + " <> so.status THEN clock_timestamp() ELSE s.status_changed_at END, "
      + "  source = CASE WHEN si.started AND NOT s.started THEN si.source ELSE s.source END, started = s.started OR si.started "
      + "  FROM si JOIN so ON so.bot_id = si.bot_id AND so.chat_id = si.chat_id "
      + "  WHERE s.bot_id = si.bot_id AND s.chat_id = si.chat_id AND (" + STALE.replace("$row", "s").replace("$in", "si")
      + "  OR " + NEW_STATUS + " <> so.status OR si.started AND NOT s.started "
      + "  OR si.first_name IS DISTINCT FROM s.first_name AND si.first_name IS NOT NULL "
      + "  OR si.username IS DISTINCT FROM s.username AND si.username IS NOT NULL "
      + "  OR si.language_code IS DISTINCT FROM s.language_code AND si.language_code IS NOT NULL) "
      + "  RETURNING s.bot_id, so.status AS was, s.status AS now, s.chat_id, s.first_name, s.username, s.language_code, "
      + "  s.source, s.status, s.tags), "
      + "sn AS (INSERT INTO subscribers (bot_id, chat_id, first_name, username, language_code, source, started, status, "
      + "  first_seen_at, last_seen_at, status_changed_at) "
      + "  SELECT si.bot_id, si.chat_id, si.first_name, si.username, si.language_code, "
      + "  CASE WHEN si.started THEN si.source END, si.started, "
      + "  CASE si.change WHEN 'unsubscribed' THEN 'unsubscribed' WHEN 'blocked' THEN 'blocked' ELSE 'active' END, "
      + "  si.seen_at, si.seen_at, si.seen_at FROM si "
      + "  WHERE NOT EXISTS (SELECT 1 FROM so WHERE so.bot_id = si.bot_id AND so.chat_id = si.chat_id) "
      + "  ON CONFLICT (bot_id, chat_id) DO NOTHING RETURNING bot_id, " + SUBSCRIBER + "), ";

  /** The bots' daily counters. */
  private static final String STATS =
    "counts AS (SELECT bot_id, (received_at AT TIME ZONE 'UTC')::date AS day, count(*) AS updates, 0 AS replies, "
      + "    0 AS joined, 0 AS blocked, 0 AS unsubscribed FROM done GROUP BY 1, 2 "
      + "  UNION ALL SELECT bot_id, " + TODAY + ", 0, count(*) FILTER (WHERE reply = 'sent'), 0, 0, 0 FROM done GROUP BY 1 "
      + "  UNION ALL SELECT bot_id, " + TODAY + ", 0, 0, count(*), count(*) FILTER (WHERE status = 'blocked'), "
      + "    count(*) FILTER (WHERE status = 'unsubscribed') FROM sn GROUP BY 1 "
      + "  UNION ALL SELECT bot_id, " + TODAY + ", 0, 0, 0, count(*) FILTER (WHERE now = 'blocked' AND was <> 'blocked'), "
      + "    count(*) FILTER (WHERE now = 'unsubscribed' AND was <> 'unsubscribed') FROM su GROUP BY 1), "
      + "stats AS (INSERT INTO bot_daily_stats AS d (bot_id, day, updates, replies, messages_sent, new_subscribers, blocked, "
      + "  unsubscribed) SELECT bot_id, day, sum(updates), sum(replies), sum(replies), sum(joined), sum(blocked), "
      + "  sum(unsubscribed) FROM counts GROUP BY 1, 2 "
      + "  ON CONFLICT (bot_id, day) DO UPDATE SET updates = d.updates + EXCLUDED.updates, "
      + "  replies = d.replies + EXCLUDED.replies, messages_sent = d.messages_sent + EXCLUDED.messages_sent, "
      + "  new_subscribers = d.new_subscribers + EXCLUDED.new_subscribers, blocked = d.blocked + EXCLUDED.blocked, "
      + "  unsubscribed = d.unsubscribed + EXCLUDED.unsubscribed RETURNING 1), ";

  /**
   * The events, only of types an enabled endpoint of the bot takes: a message or a command
   * received (the update's text, read from its payload unless that holds a NUL escape, which
   * PostgreSQL's JSON refuses; the update itself, as the text it came as), and subscribers that
   * joined, blocked the bot or unsubscribed. Then one delivery per endpoint that takes each.
   */
  private static final String EVENTS =
    "msgev AS (SELECT h.bot_id, h.event AS type, '{\"type\":\"' || h.event || '\",\"timestamp\":\"' || " + NOW_TEXT
      + "  || '\",\"bot_id\":\"' || h.bot_id || '\",\"data\":{' || h.head || ',\"text\":' || COALESCE(to_json("
      + "  CASE WHEN strpos(u.payload, '\\u0000') = 0 THEN u.payload::jsonb #>> '{message,text}' END)::text, 'null') "
      + "  || ',\"update\":' || u.payload || '}}' AS body "
      + "  FROM held h JOIN done d ON d.bot_id = h.bot_id AND d.update_id = h.update_id "
      + "  JOIN updates u ON u.bot_id = h.bot_id AND u.update_id = h.update_id "
      + "  WHERE h.event IS NOT NULL AND " + EventSql.listened("h.bot_id", "h.event") + "), "
      + "subev AS (SELECT x.bot_id, x.type, " + EventSql.body("x.type", "x.bot_id", "jsonb_build_object('subscriber', "
      + "  jsonb_build_object('chat_id', x.chat_id, 'first_name', x.first_name, 'username', x.username, "
      + "  'language_code', x.language_code, 'source', x.source, 'status', x.status, 'tags', to_jsonb(x.tags)))") + " AS body "
      + "  FROM (SELECT 'subscriber.joined' AS type, bot_id, " + SUBSCRIBER + " FROM sn "
      + "    UNION ALL SELECT 'subscriber.blocked', bot_id, " + SUBSCRIBER + " FROM su WHERE now = 'blocked' AND was <> 'blocked' "
      + "    UNION ALL SELECT 'subscriber.unsubscribed', bot_id, " + SUBSCRIBER + " FROM su "
      + "      WHERE now = 'unsubscribed' AND was <> 'unsubscribed') x "
      + "  WHERE " + EventSql.listened("x.bot_id", "x.type") + "), "
      + "allev AS (SELECT * FROM msgev UNION ALL SELECT * FROM subev), " + EventSql.write("allev");

  /**
   * $1 node; the outcomes, one element per update: $2 bots, $3 update ids, $4 epochs, $5 replies,
   * $6 why (or null), $21 the event each is (message.received, command.received; null: none), $22
   * its data's head (the chat and the user, a JSON fragment); the chats of those updates, one per
   * bot and chat: $7 bots, $8 chat ids, $9 types, $10 last seen, $11 blocked (null: keep); their
   * subscribers (private chats), one per bot and chat: $12 bots, $13 chat ids, $14 first names,
   * $15 usernames, $16 languages, $17 the change to the status (active, unsubscribed, blocked,
   * unblock: active if blocked; null: none), $18 whether a /start came, $19 its deep-link payload,
   * $20 last seen.
   *
   * <p>Marks each update handled if its bot is still held by the node under that epoch, and, for
   * those bots only, writes what the updates caused (see the class). Answers the updates marked,
   * with their handling lag in seconds, and on each row the number of deliveries it created.
   */
  static final String OUTCOMES = UPDATES + CHATS + SUBSCRIBERS + STATS + EVENTS
    + "SELECT bot_id, update_id, lag, (SELECT count(*) FROM dl) AS deliveries FROM done";

  private OutcomeSql() {
  }
}

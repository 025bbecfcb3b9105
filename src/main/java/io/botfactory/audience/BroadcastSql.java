package io.botfactory.audience;

import io.botfactory.events.EventSql;

/**
 * Every statement the broadcast store runs. Each checks the client ({@code owner}: no row at all,
 * the client is gone) and its bot ({@code found} null: not this client's bot) in the same round
 * trip. The update engine starts scheduled broadcasts (fixing their recipients with
 * {@code in_segment}), sends them and keeps their counts; the owner creates, pauses, resumes and
 * cancels them here.
 */
final class BroadcastSql {

  /** A Broadcast's columns, qualified by {@code br}. */
  static final String COLUMNS =
    "br.id, br.bot_id, br.text, br.silent, br.segment, br.send_at, br.status, br.created_at, br.started_at, "
      + "br.finished_at, br.recipients, br.pending, br.sent, br.blocked, br.failed, br.uncertain, br.cancelled";

  /** The same columns of a CTE {@code u} that returned {@code br.*}. */
  private static final String U_COLUMNS = COLUMNS.replace("br.", "u.");

  private static final String CLIENT_AND_BOT =
    "WITH c AS (SELECT id FROM clients WHERE id = $1), "
      + "b AS (SELECT id FROM bots WHERE id = $2 AND client_id = $1), ";

  /**
   * $1 client, $2 bot, $3 new id, $4 text, $5 silent, $6 segment (jsonb, every key present), $7
   * send_at or null. Inserted {@code scheduled}, due at send_at or now, whichever is later, and only
   * when the segment takes at least one subscriber now ({@code reaches}).
   */
  static final String CREATE =
    CLIENT_AND_BOT
      + "m AS (SELECT EXISTS (SELECT 1 FROM subscribers s WHERE s.bot_id = (SELECT id FROM b) AND in_segment(s, $6::jsonb)) AS reaches), "
      + "u AS (INSERT INTO broadcasts (id, bot_id, text, silent, segment, send_at, due_at) "
      + "  SELECT $3, b.id, $4, $5, $6::jsonb, date_trunc('milliseconds', $7::timestamptz), "
      + "  GREATEST(date_trunc('milliseconds', $7::timestamptz), date_trunc('milliseconds', clock_timestamp())) "
      + "  FROM b JOIN m ON m.reaches RETURNING *) "
      + "SELECT c.id AS owner, b.id AS found, m.reaches, " + U_COLUMNS + " FROM c LEFT JOIN b ON true "
      + "LEFT JOIN m ON true LEFT JOIN u ON true";

  /**
   * $1 client, $2 bot, $3 cursor broadcast id or null, $4 page size + 1. Newest first;
   * {@code cursor_found} false: the cursor is not one of this bot's broadcasts.
   */
  static final String LIST =
    "SELECT c.id AS owner, b.id AS found, ($3::uuid IS NULL OR cur.id IS NOT NULL) AS cursor_found, p.* "
      + "FROM clients c "
      + "LEFT JOIN bots b ON b.id = $2 AND b.client_id = c.id "
      + "LEFT JOIN broadcasts cur ON cur.id = $3 AND cur.bot_id = b.id "
      + "LEFT JOIN LATERAL (SELECT " + COLUMNS + " FROM broadcasts br WHERE br.bot_id = b.id "
      + "  AND (br.created_at, br.id) < (COALESCE(cur.created_at, 'infinity'), "
      + "  COALESCE(cur.id, 'ffffffff-ffff-ffff-ffff-ffffffffffff')) "
      + "  ORDER BY br.created_at DESC, br.id DESC LIMIT $4) p ON true "
      + "WHERE c.id = $1 "
      + "ORDER BY p.created_at DESC, p.id DESC";

  /** $1 client, $2 bot, $3 broadcast. No {@code id}: not a broadcast of this bot. */
  static final String GET =
    "SELECT c.id AS owner, b.id AS found, " + COLUMNS + " FROM clients c "
      + "LEFT JOIN bots b ON b.id = $2 AND b.client_id = c.id "
      + "LEFT JOIN broadcasts br ON br.id = $3 AND br.bot_id = b.id "
      + "WHERE c.id = $1";

  /**
   * $1 client, $2 bot, $3 broadcast, $4 the status it must have, $5 the status it takes (pause,
   * resume). A broadcast the engine changes meanwhile is judged by its status once the engine's
   * change has committed. No {@code id}: not changed; {@code known} null: not a broadcast of this bot.
   */
  static final String TRANSITION =
    CLIENT_AND_BOT
      + "u AS (UPDATE broadcasts br SET status = $5 FROM b WHERE br.id = $3 AND br.bot_id = b.id AND br.status = $4 "
      + "  RETURNING br.*) "
      + "SELECT c.id AS owner, b.id AS found, cur.id AS known, " + U_COLUMNS + " FROM c LEFT JOIN b ON true "
      + "LEFT JOIN broadcasts cur ON cur.id = $3 AND cur.bot_id = b.id LEFT JOIN u ON true";

  /**
   * $1 client, $2 bot, $3 broadcast: the first statement of a cancel, in its transaction. Locks the
   * broadcast, so that the second statement, which sees everything committed before it, runs after
   * whatever the engine was doing to it (fixing its recipients as it starts). {@code known} null:
   * not a broadcast of this bot.
   */
  static final String LOCK =
    CLIENT_AND_BOT
      + "br AS (SELECT br.id, br.status FROM broadcasts br JOIN b ON br.bot_id = b.id WHERE br.id = $3 FOR UPDATE OF br) "
      + "SELECT c.id AS owner, b.id AS found, br.id AS known, br.status FROM c LEFT JOIN b ON true LEFT JOIN br ON true";

  /**
   * $1 broadcast, locked by {@link #LOCK}. Its pending recipients end cancelled, and its counts
   * follow in the same statement; a recipient being sent ({@code sending}) is the engine's to
   * finish. The broadcast.finished event for the owner's endpoints (with one delivery per enabled
   * endpoint that takes it: the outbox) is written in the same statement; {@code deliveries}: how
   * many.
   */
  static final String CANCEL =
    "WITH r AS (UPDATE broadcast_recipients SET status = 'cancelled' WHERE broadcast_id = $1 AND status = 'pending' "
      + "  RETURNING 1), "
      + "n AS (SELECT count(*)::int AS n FROM r), "
      + "u AS (UPDATE broadcasts br SET status = 'cancelled', finished_at = date_trunc('milliseconds', clock_timestamp()), "
      + "  pending = br.pending - n.n, cancelled = br.cancelled + n.n FROM n WHERE br.id = $1 RETURNING " + COLUMNS + "), "
      + EventSql.broadcastFinished("u")
      + "SELECT u.*, (SELECT count(*) FROM dl) AS deliveries FROM u";

  /**
   * $1 client, $2 bot, $3 broadcast, $4 cursor chat id or null, $5 page size + 1. The recipients by
   * chat id; {@code known} null: not a broadcast of this bot.
   */
  static final String RECIPIENTS =
    "SELECT c.id AS owner, b.id AS found, br.id AS known, p.* FROM clients c "
      + "LEFT JOIN bots b ON b.id = $2 AND b.client_id = c.id "
      + "LEFT JOIN broadcasts br ON br.id = $3 AND br.bot_id = b.id "
      + "LEFT JOIN LATERAL (SELECT r.chat_id, r.status, r.sent_at, r.error FROM broadcast_recipients r "
      + "  WHERE r.broadcast_id = br.id AND r.chat_id > COALESCE($4::bigint, '-9223372036854775808'::bigint) "
      + "  ORDER BY r.chat_id LIMIT $5) p ON true "
      + "WHERE c.id = $1 "
      + "ORDER BY p.chat_id";

  private BroadcastSql() {
  }
}

package io.botfactory.audience;

/**
 * Every statement the subscriber store runs, each one round trip that also checks the client
 * ({@code owner}: no row at all, the client is gone) and its bot ({@code found} null: not this
 * client's bot). Subscribers are written by the update engine; the owner writes only their tags.
 */
final class SubscriberSql {

  /** A Subscriber's columns, qualified by {@code s}. */
  static final String COLUMNS =
    "s.chat_id, s.first_name, s.username, s.language_code, s.source, s.tags, s.status, s.first_seen_at, s.last_seen_at, "
      + "s.status_changed_at";

  /**
   * $1 client, $2 bot, $3 status or null, $4 tag or null, $5 source or null, $6 cursor chat id or
   * null, $7 page size + 1. Oldest first (first seen, then chat id), after the cursor subscriber;
   * {@code cursor_found} false: the cursor is not one of this bot's subscribers. The cursor's
   * position is compared as a row, without an OR, so that the generic plan seeks the index
   * {@code subscribers_seen_idx} to it: an export of a hundred thousand subscribers reads each
   * row once.
   */
  static final String LIST =
    "SELECT c.id AS owner, b.id AS found, ($6::bigint IS NULL OR cur.chat_id IS NOT NULL) AS cursor_found, p.* "
      + "FROM clients c "
      + "LEFT JOIN bots b ON b.id = $2 AND b.client_id = c.id "
      + "LEFT JOIN subscribers cur ON cur.bot_id = b.id AND cur.chat_id = $6 "
      + "LEFT JOIN LATERAL (SELECT " + COLUMNS + " FROM subscribers s WHERE s.bot_id = b.id "
      + "  AND (s.first_seen_at, s.chat_id) > (COALESCE(cur.first_seen_at, '-infinity'), COALESCE(cur.chat_id, 0)) "
      + "  AND ($3::text IS NULL OR s.status = $3) AND ($4::text IS NULL OR s.tags @> ARRAY[$4::text]) "
      + "  AND ($5::text IS NULL OR s.source = $5) "
      + "  ORDER BY s.first_seen_at, s.chat_id LIMIT $7) p ON true "
      + "WHERE c.id = $1 "
      + "ORDER BY p.first_seen_at, p.chat_id";

  /** $1 client, $2 bot, $3 chat id, $4 the tags (text[]). No {@code chat_id}: not a subscriber of the bot. */
  static final String PUT_TAGS =
    "WITH c AS (SELECT id FROM clients WHERE id = $1), "
      + "b AS (SELECT id FROM bots WHERE id = $2 AND client_id = $1), "
      + "u AS (UPDATE subscribers s SET tags = $4 FROM b WHERE s.bot_id = b.id AND s.chat_id = $3 RETURNING " + COLUMNS + ") "
      + "SELECT c.id AS owner, b.id AS found, u.* FROM c LEFT JOIN b ON true LEFT JOIN u ON true";

  /**
   * A subscriber's tags once $5 (text[]) are taken away and $4 (text[]) added: its own first, in
   * their order, then the new ones; each once.
   */
  private static final String CHANGED_TAGS =
    "ARRAY(SELECT t FROM unnest(s.tags || $4::text[]) WITH ORDINALITY AS u(t, i) WHERE t <> ALL($5::text[]) "
      + "GROUP BY t ORDER BY min(i))";

  /**
   * $1 client, $2 bot, $3 chat ids (bigint[]), $4 tags to add, $5 tags to take away. The
   * subscribers are locked first, all of them ({@code count(*) FROM locked} is read before the
   * UPDATE scans anything), in chat id order, so that concurrent changes of overlapping
   * subscribers queue instead of deadlocking; each change is then computed from the row as the
   * one before left it (the UPDATE re-reads a row changed since the statement began), and the
   * table's CHECK (at most 20 tags) fails the whole statement if any subscriber would pass it:
   * all or nothing. Answers how many ids were asked (distinct), found, and changed. The UPDATE
   * finds its rows by the ids, not by joining {@code locked}: a generic plan made while the table
   * was small joined the two in a nested loop, 10,000 x 10,000 comparisons (51 s, measured).
   */
  static final String CHANGE_TAGS =
    "WITH c AS (SELECT id FROM clients WHERE id = $1), "
      + "b AS (SELECT id FROM bots WHERE id = $2 AND client_id = $1), "
      + "locked AS (SELECT s.chat_id FROM subscribers s WHERE s.bot_id = (SELECT id FROM b) AND s.chat_id = ANY($3::bigint[]) "
      + "  ORDER BY s.chat_id FOR UPDATE), "
      + "changed AS (UPDATE subscribers s SET tags = " + CHANGED_TAGS + " "
      + "  WHERE s.bot_id = (SELECT id FROM b) AND s.chat_id = ANY($3::bigint[]) AND (SELECT count(*) FROM locked) >= 0 "
      + "  AND s.tags IS DISTINCT FROM " + CHANGED_TAGS + " RETURNING 1) "
      + "SELECT c.id AS owner, b.id AS found, (SELECT count(DISTINCT x) FROM unnest($3::bigint[]) x) AS asked, "
      + "(SELECT count(*) FROM locked) AS known, (SELECT count(*) FROM changed) AS changed "
      + "FROM c LEFT JOIN b ON true";

  /**
   * $1 client, $2 bot, $3 segment (jsonb, every key present). How many of the bot's subscribers
   * the segment takes now, by {@code in_segment}, the definition the engine fixes a broadcast's
   * recipients with (its active ones only).
   */
  static final String COUNT =
    "WITH c AS (SELECT id FROM clients WHERE id = $1), "
      + "b AS (SELECT id FROM bots WHERE id = $2 AND client_id = $1) "
      + "SELECT c.id AS owner, b.id AS found, "
      + "(SELECT count(*) FROM subscribers s WHERE s.bot_id = b.id AND in_segment(s, $3::jsonb)) AS count "
      + "FROM c LEFT JOIN b ON true";

  /** The CHECK that holds a subscriber to 20 tags (V9__audience.sql names it by PostgreSQL's default). */
  static final String TAGS_CHECK = "subscribers_tags_check";

  private SubscriberSql() {
  }
}

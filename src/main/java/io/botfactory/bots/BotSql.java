package io.botfactory.bots;

/**
 * Every statement the bot store runs. Each one answers in a single round trip, and each one
 * also tells whether the calling client still exists (the {@code owner} column: no row at all
 * means the client is gone, which the gate turns into 401), so the gate needs no second query.
 */
final class BotSql {

  static final String COLUMNS =
    "id, client_id, name, description, telegram_bot_id, token_last4, is_active, created_at, updated_at";

  static final String INSERT =
    "INSERT INTO bots (id, client_id, name, description, telegram_bot_id, token_ciphertext, token_key_id, token_last4) "
      + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING " + COLUMNS;

  /** $1 client, $2 cursor bot id or null, $3 page size + 1. */
  static final String LIST =
    "SELECT c.id AS owner, ($2::uuid IS NULL OR cur.id IS NOT NULL) AS cursor_found, b.* "
      + "FROM clients c "
      + "LEFT JOIN bots cur ON cur.id = $2 AND cur.client_id = c.id "
      + "LEFT JOIN LATERAL (SELECT " + COLUMNS + " FROM bots "
      + "  WHERE client_id = c.id AND ($2::uuid IS NULL OR (created_at, id) > (cur.created_at, cur.id)) "
      + "  ORDER BY created_at, id LIMIT $3) b ON true "
      + "WHERE c.id = $1 "
      + "ORDER BY b.created_at, b.id";

  /** $1 client, $2 bot. */
  static final String GET =
    "SELECT c.id AS owner, b.* FROM clients c "
      + "LEFT JOIN LATERAL (SELECT " + COLUMNS + " FROM bots WHERE id = $2 AND client_id = c.id) b ON true "
      + "WHERE c.id = $1";

  /**
   * $1 client, $2 bot, $3 name, $4 whether to set the description, $5 description, $6 is_active,
   * $7..$9 new token ciphertext, key id, last 4, $10 the Telegram bot id a new token must keep.
   * {@code found} null: no such bot of this client; {@code id} null with {@code found} set: the
   * new token names another Telegram bot. {@code updated_at} always moves forward, even within
   * one millisecond, so a client can see that its change happened.
   */
  static final String UPDATE =
    "WITH c AS (SELECT id FROM clients WHERE id = $1), "
      + "cur AS (SELECT id FROM bots WHERE id = $2 AND client_id = $1), "
      + "u AS (UPDATE bots b SET "
      + "  name = COALESCE($3, b.name), "
      + "  description = CASE WHEN $4 THEN $5 ELSE b.description END, "
      + "  is_active = COALESCE($6, b.is_active), "
      + "  token_ciphertext = COALESCE($7, b.token_ciphertext), "
      + "  token_key_id = COALESCE($8, b.token_key_id), "
      + "  token_last4 = COALESCE($9, b.token_last4), "
      + "  updated_at = GREATEST(date_trunc('milliseconds', clock_timestamp()), b.updated_at + interval '1 millisecond') "
      + "  WHERE b.id = $2 AND b.client_id = $1 AND ($10::bigint IS NULL OR b.telegram_bot_id = $10) "
      + "  RETURNING b.id, b.client_id, b.name, b.description, b.telegram_bot_id, b.token_last4, b.is_active, "
      + "  b.created_at, b.updated_at) "
      + "SELECT c.id AS owner, cur.id AS found, u.* FROM c LEFT JOIN cur ON true LEFT JOIN u ON true";

  /** $1 client, $2 bot. */
  static final String DELETE =
    "WITH c AS (SELECT id FROM clients WHERE id = $1), "
      + "d AS (DELETE FROM bots WHERE id = $2 AND client_id = $1 RETURNING " + COLUMNS + ") "
      + "SELECT c.id AS owner, d.* FROM c LEFT JOIN d ON true";

  /** $1 bot. For webhook workers: no owner check, the caller is the platform itself. */
  static final String TOKEN =
    "SELECT id, telegram_bot_id, token_ciphertext, token_key_id FROM bots WHERE id = $1";

  /** $1 bot, $2 the current key id: the bot's sealed token when another key sealed it. */
  static final String SEALED_WITH_OLD_KEY =
    "SELECT token_ciphertext, token_key_id FROM bots WHERE id = $1 AND token_key_id <> $2";

  /**
   * $1 bot, $2 its token sealed with the current key, $3 the current key id, $4 the key id it was
   * read under: unchanged when the token was changed meanwhile.
   */
  static final String RESEAL =
    "UPDATE bots SET token_ciphertext = $2, token_key_id = $3 WHERE id = $1 AND token_key_id = $4";

  private BotSql() {
  }
}

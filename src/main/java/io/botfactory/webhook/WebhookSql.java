package io.botfactory.webhook;

/**
 * Every statement of the webhook workers, on {@code webhooks}: one row per Telegram bot id with
 * what Telegram must be brought to (a generation, bumped by each change), what it confirmed
 * ({@code done_generation}, under which configuration: {@code done_fingerprint}), and who works on
 * it ({@code lease_owner} until {@code lease_until}). Any number of workers claim due rows with
 * {@code FOR UPDATE SKIP LOCKED}; a worker only writes back while it still holds the lease, so a
 * worker that lost it (it was too slow, or died and came back) changes nothing.
 */
final class WebhookSql {

  /**
   * $1 owner, $2 lease seconds, $3 at most this many rows. Due: a generation not yet confirmed,
   * not waiting for a new token, its time come, no live lease. With each row, what the work
   * needs: the bot (null for a tombstone) and its commands.
   */
  static final String CLAIM =
    "WITH due AS (SELECT telegram_bot_id FROM webhooks "
      + "  WHERE done_generation < generation AND status <> 'token_rejected' AND due_at <= clock_timestamp() "
      + "  AND (lease_until IS NULL OR lease_until < clock_timestamp()) "
      + "  ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED), "
      + "claimed AS (UPDATE webhooks w SET lease_owner = $1, lease_until = clock_timestamp() + make_interval(secs => $2) "
      + "  FROM due WHERE w.telegram_bot_id = due.telegram_bot_id "
      + "  RETURNING w.telegram_bot_id, w.bot_id, w.deleted, w.generation, w.attempts, "
      + "  w.token_ciphertext AS tombstone_ciphertext, w.token_key_id AS tombstone_key_id) "
      + "SELECT claimed.*, b.id IS NOT NULL AS bot_exists, b.is_active, b.token_ciphertext, b.token_key_id, "
      + "  b.token_checked, bc.commands "
      + "FROM claimed LEFT JOIN bots b ON b.id = claimed.bot_id AND NOT claimed.deleted "
      + "LEFT JOIN bot_commands bc ON bc.bot_id = b.id";

  /**
   * $1 Telegram bot id, $2 owner, $3 the generation brought to Telegram, $4 the status it
   * earned (null: keep; an inactive bot is shown disabled whatever it is), $5 the configuration
   * fingerprint it was done under. A change made meanwhile keeps its own pending status.
   */
  static final String DONE =
    "UPDATE webhooks SET done_generation = GREATEST(done_generation, $3), done_fingerprint = $5, "
      + "  status = CASE WHEN generation = $3 THEN COALESCE($4, status) ELSE status END, "
      + "  last_error = NULL, last_error_at = NULL, attempts = 0, lease_owner = NULL, lease_until = NULL "
      + "WHERE telegram_bot_id = $1 AND lease_owner = $2";

  /** $1 Telegram bot id, $2 owner, $3 generation, $4 why. Nothing is retried until the token changes. */
  static final String REJECTED =
    "UPDATE webhooks SET "
      + "  status = CASE WHEN generation = $3 THEN 'token_rejected' ELSE status END, "
      + "  last_error = CASE WHEN generation = $3 THEN $4 ELSE last_error END, "
      + "  last_error_at = CASE WHEN generation = $3 THEN date_trunc('milliseconds', clock_timestamp()) ELSE last_error_at END, "
      + "  attempts = 0, lease_owner = NULL, lease_until = NULL "
      + "WHERE telegram_bot_id = $1 AND lease_owner = $2";

  /**
   * $1 Telegram bot id, $2 owner, $3 generation, $4 why, $5 bot, $6 the token ciphertext Telegram
   * rejected. An unproven bot whose background check Telegram rejected: {@link #REJECTED}, and it
   * gives its Telegram bot id up (anyone may register that bot now), unless its token changed
   * meanwhile or this worker no longer holds the row.
   */
  static final String GAVE_UP =
    "WITH r AS (" + REJECTED + " RETURNING 1) "
      + "UPDATE bots SET displaced_at = date_trunc('milliseconds', clock_timestamp()) "
      + "WHERE id = $5 AND token_ciphertext = $6 AND NOT token_checked AND displaced_at IS NULL "
      + "AND EXISTS (SELECT 1 FROM r)";

  /**
   * $1 Telegram bot id, $2 owner, $3 generation, $4 why, $5 seconds to wait, $6 whether Telegram
   * asked for that wait (429: it holds even for a newer generation) or it is our back-off after a
   * passing failure (a newer generation is due at once).
   */
  static final String FAILED =
    "UPDATE webhooks SET "
      + "  status = CASE WHEN generation = $3 THEN 'failing' ELSE status END, "
      + "  last_error = CASE WHEN generation = $3 THEN $4 ELSE last_error END, "
      + "  last_error_at = CASE WHEN generation = $3 THEN date_trunc('milliseconds', clock_timestamp()) ELSE last_error_at END, "
      + "  attempts = attempts + 1, "
      + "  due_at = CASE WHEN generation = $3 OR $6 THEN GREATEST(due_at, clock_timestamp() + make_interval(secs => $5)) "
      + "    ELSE due_at END, "
      + "  lease_owner = NULL, lease_until = NULL "
      + "WHERE telegram_bot_id = $1 AND lease_owner = $2";

  /** $1 Telegram bot id, $2 owner, $3 generation. A tombstone whose webhook is gone: its last token is erased. */
  static final String ERASE =
    "DELETE FROM webhooks WHERE telegram_bot_id = $1 AND lease_owner = $2 AND generation = $3 AND deleted";

  /** $1 Telegram bot id, $2 owner. Hands the row back, e.g. a tombstone a new registration took over. */
  static final String RELEASE =
    "UPDATE webhooks SET lease_owner = NULL, lease_until = NULL WHERE telegram_bot_id = $1 AND lease_owner = $2";

  /** $1 owner. On stop: whatever this worker still holds is due for the others at once. */
  static final String RELEASE_ALL =
    "UPDATE webhooks SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1";

  /**
   * $1 bot, $2 the token ciphertext that Telegram confirmed, $3 username. Only if the token is
   * still that one: a newer token is checked on its own.
   */
  static final String CHECKED =
    "UPDATE bots SET telegram_username = $3, token_checked = true WHERE id = $1 AND token_ciphertext = $2";

  /**
   * $1 the fingerprint of this worker's configuration. Rows confirmed under another one (another
   * public URL, webhook key, max_connections or update types) are due again.
   */
  static final String RECONFIGURED =
    "UPDATE webhooks SET generation = generation + 1, due_at = clock_timestamp(), attempts = 0, "
      + "  status = CASE WHEN status IN ('active', 'polling') THEN 'pending' ELSE status END "
      + "WHERE NOT deleted AND done_generation = generation AND done_fingerprint IS DISTINCT FROM $1";

  private WebhookSql() {
  }
}

package io.botfactory.updates;

/**
 * The statement that stores a delivered update: the one the webhook route waits for before it
 * answers Telegram 200. One round trip: it reads whether the bot exists and is active, and
 * stores the update only if it is; a redelivery of a stored update stores nothing.
 */
final class InboxSql {

  /**
   * $1 bot, $2 update_id, $3 chat id (0: none), $4 kind (the update's type), $5 the update's
   * JSON text. {@code active} null: no such bot; false: stored nowhere; {@code stored} 0 with an
   * active bot: a duplicate. A bot that gave its Telegram bot id up (displaced) is not run: as inactive.
   */
  static final String STORE =
    "WITH b AS (SELECT is_active AND displaced_at IS NULL AS is_active FROM bots WHERE id = $1), "
      + "ins AS (INSERT INTO updates (bot_id, update_id, chat_id, kind, payload) "
      + "  SELECT $1, $2, $3, $4, $5 FROM b WHERE b.is_active "
      + "  ON CONFLICT (bot_id, update_id) DO NOTHING RETURNING 1) "
      + "SELECT (SELECT is_active FROM b) AS active, (SELECT count(*) FROM ins) AS stored";

  private InboxSql() {
  }
}

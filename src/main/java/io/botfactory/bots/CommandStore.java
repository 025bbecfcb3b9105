package io.botfactory.bots;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.UUID;

/**
 * The {@code bot_commands} table: each bot's command set, read and replaced whole, each in one
 * round trip that also checks the client and the bot's owner. Replacing the set makes the
 * bot's webhook state due again, so the webhook workers publish the new menu.
 */
final class CommandStore {

  /** $1 client, $2 bot. {@code found} null: not this client's bot; no {@code commands}: none set yet. */
  static final String GET =
    "SELECT c.id AS owner, b.id AS found, bc.commands, bc.fallback_reply FROM clients c "
      + "LEFT JOIN bots b ON b.id = $2 AND b.client_id = c.id "
      + "LEFT JOIN bot_commands bc ON bc.bot_id = b.id "
      + "WHERE c.id = $1";

  /**
   * $1 client, $2 bot, $3 the commands (jsonb), $4 fallback reply. Answers the Bot with its new
   * webhook state (null {@code id}: not this client's bot), for the {@code bot.updated} event. A
   * bot that gave its Telegram bot id up keeps its set but changes nothing at Telegram: it is not
   * run, and the webhook row of its Telegram bot id may be another bot's. The bot's {@code version}
   * moves on: every update stored from now on names it, and the engine node answering it reads the
   * new set first.
   */
  static final String PUT =
    "WITH c AS (SELECT id FROM clients WHERE id = $1), "
      + "b AS (UPDATE bots SET version = version + 1 WHERE id = $2 AND client_id = $1 "
      + "  RETURNING id, telegram_bot_id, displaced_at), "
      + "saved AS (INSERT INTO bot_commands (bot_id, commands, fallback_reply) SELECT id, $3, $4 FROM b "
      + "  ON CONFLICT (bot_id) DO UPDATE SET commands = EXCLUDED.commands, fallback_reply = EXCLUDED.fallback_reply, "
      + "  updated_at = date_trunc('milliseconds', clock_timestamp()) RETURNING bot_id), "
      + "due AS (UPDATE webhooks w SET generation = w.generation + 1, due_at = clock_timestamp(), attempts = 0, "
      + "  status = CASE WHEN w.status = 'token_rejected' THEN w.status ELSE 'pending' END, "
      + "  last_error = CASE WHEN w.status = 'token_rejected' THEN w.last_error END, "
      + "  last_error_at = CASE WHEN w.status = 'token_rejected' THEN w.last_error_at END "
      + "  FROM b WHERE w.telegram_bot_id = b.telegram_bot_id AND w.bot_id = b.id AND b.displaced_at IS NULL "
      + "  RETURNING w.bot_id, w.status, w.last_error, w.last_error_at), "
      + "v AS (SELECT bot_id, status, last_error, last_error_at FROM due UNION ALL "
      + "  SELECT w.bot_id, w.status, w.last_error, w.last_error_at FROM webhooks w JOIN b "
      + "  ON w.telegram_bot_id = b.telegram_bot_id AND w.bot_id = b.id WHERE NOT EXISTS (SELECT 1 FROM due)) "
      + "SELECT c.id AS owner, " + BotSql.bot("bb", "v") + " FROM c LEFT JOIN b ON true "
      + "LEFT JOIN bots bb ON bb.id = b.id LEFT JOIN v ON true";

  private final Pool pool;

  CommandStore(Pool pool) {
    this.pool = pool;
  }

  Future<CommandSet> get(UUID clientId, UUID botId) {
    return pool.preparedQuery(GET).execute(Tuple.of(clientId, botId)).compose(rows -> {
      Row row = Owned.row(rows, "found");
      JsonArray commands = (JsonArray) row.getJson("commands");
      return Future.succeededFuture(commands == null ? CommandSet.EMPTY : new CommandSet(commands, row.getString("fallback_reply")));
    });
  }

  /** Replaces the set; completes with the Bot as it is now (its webhook state pending). */
  Future<JsonObject> put(UUID clientId, UUID botId, CommandSet set) {
    Tuple params = Tuple.of(clientId, botId, set.commands(), set.fallbackReply());
    return pool.preparedQuery(PUT).execute(params).map(rows -> BotJson.object(Owned.row(rows, "id")));
  }
}

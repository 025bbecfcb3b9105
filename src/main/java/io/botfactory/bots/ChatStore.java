package io.botfactory.bots;

import io.botfactory.bus.FieldErrors;
import io.botfactory.bus.Page;
import io.botfactory.bus.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The {@code chats} table, as the bot's owner reads it: the chats that wrote to the bot, oldest first, in pages. */
final class ChatStore {

  /**
   * $1 client, $2 bot, $3 cursor chat id or null, $4 page size + 1. {@code found} null: not this
   * client's bot; {@code cursor_found} false: the cursor is not one of this bot's chats.
   */
  static final String LIST =
    "SELECT c.id AS owner, b.id AS found, ($3::bigint IS NULL OR cur.chat_id IS NOT NULL) AS cursor_found, p.* "
      + "FROM clients c "
      + "LEFT JOIN bots b ON b.id = $2 AND b.client_id = c.id "
      + "LEFT JOIN chats cur ON cur.bot_id = b.id AND cur.chat_id = $3 "
      + "LEFT JOIN LATERAL (SELECT chat_id, type, first_seen_at, last_seen_at, blocked FROM chats "
      + "  WHERE bot_id = b.id AND ($3::bigint IS NULL OR (first_seen_at, chat_id) > (cur.first_seen_at, cur.chat_id)) "
      + "  ORDER BY first_seen_at, chat_id LIMIT $4) p ON true "
      + "WHERE c.id = $1 "
      + "ORDER BY p.first_seen_at, p.chat_id";

  private final Pool pool;

  ChatStore(Pool pool) {
    this.pool = pool;
  }

  Future<Page> list(UUID clientId, UUID botId, int limit, Long after) {
    return pool.preparedQuery(LIST).execute(Tuple.of(clientId, botId, after, limit + 1)).compose(rows -> {
      Owned.row(rows, "found");
      List<JsonObject> chats = new ArrayList<>();
      for (Row row : rows) {
        if (!row.getBoolean("cursor_found")) {
          return Future.failedFuture(FieldErrors.single("query", "after", "Value error, not one of this bot's chats",
            "value_error"));
        }
        if (row.getLong("chat_id") != null) {
          chats.add(chat(row));
        }
      }
      boolean more = chats.size() > limit;
      List<JsonObject> page = more ? chats.subList(0, limit) : chats;
      String nextAfter = more ? String.valueOf(page.get(page.size() - 1).getLong("chat_id")) : null;
      return Future.succeededFuture(new Page(new JsonArray(new ArrayList<>(page)).toBuffer(), nextAfter));
    });
  }

  private static JsonObject chat(Row row) {
    return new JsonObject()
      .put("chat_id", row.getLong("chat_id"))
      .put("type", row.getString("type"))
      .put("first_seen_at", Timestamps.format(row.getOffsetDateTime("first_seen_at")))
      .put("last_seen_at", Timestamps.format(row.getOffsetDateTime("last_seen_at")))
      .put("blocked", row.getBoolean("blocked"));
  }
}

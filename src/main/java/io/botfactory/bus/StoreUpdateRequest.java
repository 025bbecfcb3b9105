package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@code telegram.updates.store}: one update Telegram delivered for {@code botId}, to be stored
 * before it is acknowledged: its id, the chat it belongs to (0: none), its type, and its JSON
 * text exactly as received.
 */
public record StoreUpdateRequest(String botId, long updateId, long chatId, String kind, String payload)
  implements BusMessage {

  public static StoreUpdateRequest fromJson(JsonObject json) {
    return new StoreUpdateRequest(json.getString("bot_id"), json.getLong("update_id"), json.getLong("chat_id"),
      json.getString("kind"), json.getString("payload"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("bot_id", botId).put("update_id", updateId).put("chat_id", chatId).put("kind", kind)
      .put("payload", payload);
  }

  @Override
  public String toString() {
    return "StoreUpdateRequest[botId=" + botId + ", updateId=" + updateId + ", kind=" + kind + "]";
  }
}

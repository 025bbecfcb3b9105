package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@code telegram.updates.store}: one update Telegram delivered for {@code botId}, to be stored
 * before it is acknowledged: its JSON text exactly as received, and what handling it needs,
 * read from that text by the receiving node ({@link IncomingUpdate}).
 */
public record StoreUpdateRequest(String botId, String payload, IncomingUpdate update) implements BusMessage {

  public static StoreUpdateRequest fromJson(JsonObject json) {
    return new StoreUpdateRequest(json.getString("bot_id"), json.getString("payload"),
      IncomingUpdate.fromJson(json.getJsonObject("update")));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("bot_id", botId).put("payload", payload).put("update", update.toJson());
  }

  @Override
  public String toString() {
    return "StoreUpdateRequest[botId=" + botId + ", updateId=" + update.updateId() + ", kind=" + update.kind() + "]";
  }
}

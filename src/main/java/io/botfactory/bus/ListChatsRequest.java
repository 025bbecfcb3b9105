package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/** {@code bots.chats.list}: a page of the chats of one bot of the caller, after the chat {@code after} (or from the start). */
public record ListChatsRequest(String clientId, String botId, int limit, Long after) implements BusMessage {

  public static ListChatsRequest fromJson(JsonObject json) {
    return new ListChatsRequest(json.getString("client_id"), json.getString("bot_id"), json.getInteger("limit", 100),
      json.getLong("after"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("bot_id", botId).put("limit", limit).put("after", after);
  }
}

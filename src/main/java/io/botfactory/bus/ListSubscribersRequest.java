package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@code audience.subscribers.list} and {@code audience.subscribers.csv}: a page of the subscribers
 * of one bot of the caller, oldest first, after the subscriber {@code after} (a chat id, or null
 * for the first page); {@code status}, {@code tag} and {@code source} filter when not null.
 */
public record ListSubscribersRequest(String clientId, String botId, String status, String tag, String source, int limit,
                                     Long after) implements BusMessage {

  public static ListSubscribersRequest fromJson(JsonObject json) {
    return new ListSubscribersRequest(json.getString("client_id"), json.getString("bot_id"), json.getString("status"),
      json.getString("tag"), json.getString("source"), json.getInteger("limit", 100), json.getLong("after"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("bot_id", botId).put("status", status).put("tag", tag)
      .put("source", source).put("limit", limit).put("after", after);
  }
}

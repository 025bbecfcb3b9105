package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/** {@code audience.broadcasts.list}: a page of the broadcasts of one bot of the caller, newest first, after the broadcast {@code after}. */
public record ListBroadcastsRequest(String clientId, String botId, int limit, String after) implements BusMessage {

  public static ListBroadcastsRequest fromJson(JsonObject json) {
    return new ListBroadcastsRequest(json.getString("client_id"), json.getString("bot_id"), json.getInteger("limit", 100),
      json.getString("after"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("bot_id", botId).put("limit", limit).put("after", after);
  }
}

package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/** {@code bots.list}: a page of the caller's bots, {@code limit} 1-100, after the bot {@code after} (or from the start). */
public record ListBotsRequest(String clientId, int limit, String after) implements BusMessage {

  public static ListBotsRequest fromJson(JsonObject json) {
    return new ListBotsRequest(json.getString("client_id"), json.getInteger("limit", 100), json.getString("after"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("limit", limit).put("after", after);
  }
}

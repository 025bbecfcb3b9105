package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@code audience.broadcasts.get}, {@code .pause}, {@code .resume}, {@code .cancel}: one broadcast
 * of one bot of the caller; both ids as given in the URL, maybe not UUIDs.
 */
public record BroadcastRequest(String clientId, String botId, String broadcastId) implements BusMessage {

  public static BroadcastRequest fromJson(JsonObject json) {
    return new BroadcastRequest(json.getString("client_id"), json.getString("bot_id"), json.getString("broadcast_id"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("bot_id", botId).put("broadcast_id", broadcastId);
  }
}

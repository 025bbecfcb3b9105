package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/** {@code audience.stats}: the figures of one bot of the caller over its last {@code days} UTC days (1-365). */
public record StatsRequest(String clientId, String botId, int days) implements BusMessage {

  public static StatsRequest fromJson(JsonObject json) {
    return new StatsRequest(json.getString("client_id"), json.getString("bot_id"), json.getInteger("days", 30));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("bot_id", botId).put("days", days);
  }
}

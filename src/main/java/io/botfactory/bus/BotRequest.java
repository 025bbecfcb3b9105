package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/** {@code bots.get}, {@code bots.delete}: one bot of the caller; {@code botId} as given in the URL, maybe not a UUID. */
public record BotRequest(String clientId, String botId) implements BusMessage {

  public static BotRequest fromJson(JsonObject json) {
    return new BotRequest(json.getString("client_id"), json.getString("bot_id"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("bot_id", botId);
  }
}

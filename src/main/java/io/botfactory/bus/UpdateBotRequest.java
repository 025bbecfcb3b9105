package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/** {@code bots.update}: changes to one bot of the caller. */
public record UpdateBotRequest(String clientId, String botId, BotChanges changes) implements BusMessage {

  public static UpdateBotRequest fromJson(JsonObject json) {
    return new UpdateBotRequest(json.getString("client_id"), json.getString("bot_id"),
      BotChanges.fromJson(json.getJsonObject("changes", new JsonObject())));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("bot_id", botId).put("changes", changes.toJson());
  }
}

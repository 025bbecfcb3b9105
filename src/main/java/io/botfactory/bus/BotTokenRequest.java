package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/** {@code bots.token}: the decrypted token of one bot, for the platform's own workers. */
public record BotTokenRequest(String botId) implements BusMessage {

  public static BotTokenRequest fromJson(JsonObject json) {
    return new BotTokenRequest(json.getString("bot_id"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("bot_id", botId);
  }
}

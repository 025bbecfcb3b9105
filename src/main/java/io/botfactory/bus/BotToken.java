package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/** The reply of {@code bots.token}. {@link #toString()} never shows the token. */
public record BotToken(String botId, long telegramBotId, String token) implements BusMessage {

  public static BotToken fromJson(JsonObject json) {
    return new BotToken(json.getString("bot_id"), json.getLong("telegram_bot_id"), json.getString("token"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("bot_id", botId).put("telegram_bot_id", telegramBotId).put("token", token);
  }

  @Override
  public String toString() {
    return "BotToken[botId=" + botId + ", telegramBotId=" + telegramBotId + "]";
  }
}

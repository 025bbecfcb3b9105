package io.botfactory.bus;

/** The reply of {@code bots.token}. {@link #toString()} never shows the token. */
public record BotToken(String botId, long telegramBotId, String token) implements BusMessage {

  @Override
  public String toString() {
    return "BotToken[botId=" + botId + ", telegramBotId=" + telegramBotId + "]";
  }
}

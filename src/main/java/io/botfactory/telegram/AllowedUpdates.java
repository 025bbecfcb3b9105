package io.botfactory.telegram;

import io.vertx.core.json.JsonArray;

import java.util.List;

/**
 * The update types BotFactory asks Telegram for, always explicitly (Telegram's default is "the
 * types asked for last time", so an explicit list keeps every node and restart in step): the
 * ones a bot answers or learns its chats from. Used by setWebhook and getUpdates alike.
 */
public final class AllowedUpdates {

  public static final List<String> TYPES = List.of(
    "message", "edited_message", "channel_post", "edited_channel_post", "callback_query", "my_chat_member");

  private AllowedUpdates() {
  }

  public static JsonArray json() {
    return new JsonArray(TYPES);
  }
}

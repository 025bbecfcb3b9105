package io.botfactory.bots;

import io.botfactory.bus.FieldErrors;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

/**
 * The fields a PATCH changes, read from the {@code changes} object of a {@code bots.update}
 * message. A field that is absent stays as it is; {@code description: null} clears it.
 */
record BotChanges(String name, boolean setDescription, String description, Boolean active, TelegramToken token) {

  /** Reads {@code changes}; a token that is not a Telegram token fails as INVALID. */
  static BotChanges from(JsonObject changes) {
    TelegramToken token = null;
    if (changes.getValue("token") != null) {
      token = TelegramToken.parse(changes.getString("token"));
      if (token == null) {
        throw badToken();
      }
    }
    return new BotChanges(
      changes.getString("name"),
      changes.containsKey("description"),
      changes.getString("description"),
      changes.getBoolean("is_active"),
      token);
  }

  static ReplyException badToken() {
    return FieldErrors.single("body", "token", "Value error, not a Telegram bot token", "value_error");
  }
}

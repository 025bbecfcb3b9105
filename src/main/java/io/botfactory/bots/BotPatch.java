package io.botfactory.bots;

import io.botfactory.bus.BotChanges;
import io.botfactory.bus.FieldErrors;
import io.vertx.core.eventbus.ReplyException;

/**
 * The changes of a {@code bots.update}, ready for {@link BotSql#UPDATE}: the new token parsed.
 * A null field stays as it is; {@code setDescription} with a null description clears it.
 */
record BotPatch(String name, boolean setDescription, String description, Boolean active, TelegramToken token) {

  /** A token that is not a Telegram token fails as INVALID. */
  static BotPatch of(BotChanges changes) {
    TelegramToken token = null;
    if (changes.token() != null) {
      token = TelegramToken.parse(changes.token());
      if (token == null) {
        throw badToken();
      }
    }
    return new BotPatch(changes.name(), changes.description() != null,
      changes.description() == null ? null : changes.description().orElse(null), changes.isActive(), token);
  }

  static ReplyException badToken() {
    return FieldErrors.single("body", "token", "Value error, not a Telegram bot token", "value_error");
  }
}

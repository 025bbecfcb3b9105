package io.botfactory.bots;

import io.botfactory.bus.FieldErrors;
import io.botfactory.config.BusSettings;
import io.botfactory.telegram.TelegramClient;
import io.botfactory.telegram.TelegramOutcome;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

/**
 * Asks Telegram ({@code getMe}, at most {@value #TIMEOUT_MS} ms) whether a token being
 * registered or changed is a bot's, and which one. A token Telegram rejects, or one that turns
 * out to belong to another bot than its numeric part says, is refused (422) and nothing is
 * stored, so a made-up token can never take a real bot's Telegram id. When Telegram cannot be
 * asked (down, slow, 5xx, 429), the token is accepted unchecked; the webhook workers check it
 * later. With checking turned off, every token is accepted unchecked and never checked.
 */
final class TokenCheck {

  /** The contract's bound on how long a request waits for Telegram. */
  static final long TIMEOUT_MS = BusSettings.TELEGRAM_WAIT_MS;

  /** {@code checked}: Telegram confirmed the token; {@code username}: the bot's, when it did. */
  record Verdict(boolean checked, String username) {
    static final Verdict UNCHECKED = new Verdict(false, null);
  }

  private final TelegramClient telegram;
  private final boolean enabled;

  TokenCheck(TelegramClient telegram, boolean enabled) {
    this.telegram = telegram;
    this.enabled = enabled;
  }

  /** The verdict, or a failure carrying the 422 when Telegram refuses the token. */
  Future<Verdict> check(TelegramToken token) {
    if (!enabled) {
      return Future.succeededFuture(Verdict.UNCHECKED);
    }
    return telegram.call(token.value(), "getMe", new JsonObject(), TIMEOUT_MS).compose(outcome -> verdict(token, outcome));
  }

  private static Future<Verdict> verdict(TelegramToken token, TelegramOutcome outcome) {
    switch (outcome.kind()) {
      case OK: {
        JsonObject me = ((TelegramOutcome.Ok) outcome).object();
        Long id = me == null ? null : me.getLong("id");
        if (id == null || id != token.botId()) {
          return Future.failedFuture(refused("Telegram says this token belongs to another bot"));
        }
        return Future.succeededFuture(new Verdict(true, me.getString("username")));
      }
      case TOKEN_REJECTED:
        return Future.failedFuture(refused("Telegram rejected this token"));
      default:
        // Telegram could not be asked now: accepted unchecked, checked later by the webhook workers.
        return Future.succeededFuture(Verdict.UNCHECKED);
    }
  }

  private static ReplyException refused(String why) {
    return FieldErrors.single("body", "token", "Value error, " + why, "value_error");
  }
}

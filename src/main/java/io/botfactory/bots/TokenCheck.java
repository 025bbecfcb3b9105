package io.botfactory.bots;

import io.botfactory.bus.Failure;
import io.botfactory.bus.FieldErrors;
import io.botfactory.config.BusSettings;
import io.botfactory.telegram.TelegramClient;
import io.botfactory.telegram.TelegramOutcome;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

/**
 * Asks Telegram ({@code getMe}, at most {@value #TIMEOUT_MS} ms) whether a token being
 * registered or changed is a bot's, and which one. Only a token Telegram confirms is stored as
 * proven: no account holds a Telegram bot id with a token it did not prove. A token Telegram
 * rejects, or one that turns out to belong to another bot than its numeric part says, is refused
 * (422); when Telegram cannot be asked (down, slow, 5xx, 429), the request is refused with 503
 * and a {@code Retry-After} (Telegram's own wait after a 429); in both cases nothing is stored or
 * changed. With checking turned off, every token is accepted unproven and never checked here.
 *
 * <p>Its client is its own: a pool of connections no other call to Telegram (getWebhookInfo for
 * any account, the workers') can fill, so no request of one account can make another's token
 * check wait or time out.
 */
final class TokenCheck {

  /** The contract's bound on how long a request waits for Telegram. */
  static final long TIMEOUT_MS = BusSettings.TELEGRAM_WAIT_MS;
  /** How long a client is told to wait when Telegram did not answer: a few seconds, then try again. */
  static final int RETRY_AFTER_S = 5;
  static final String UNAVAILABLE =
    "Telegram could not check this token just now, so nothing was stored or changed; try again shortly";

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

  /** The verdict, or a failure carrying the 422 (Telegram refuses the token) or the 503 (Telegram could not be asked). */
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
      case RETRY_AFTER:
        int wait = ((TelegramOutcome.RetryAfter) outcome).seconds();
        return Future.failedFuture(new Failure.Unavailable(wait, UNAVAILABLE).exception());
      default:
        // Not proven, so not stored: an unproven token could hold a Telegram bot id that is not its own.
        return Future.failedFuture(new Failure.Unavailable(RETRY_AFTER_S, UNAVAILABLE).exception());
    }
  }

  private static ReplyException refused(String why) {
    return FieldErrors.single("body", "token", "Value error, " + why, "value_error");
  }
}

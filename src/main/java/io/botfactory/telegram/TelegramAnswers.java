package io.botfactory.telegram;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.json.JsonObject;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what came back from the Bot API server into a {@link TelegramOutcome}: an HTTP answer by its
 * Bot API JSON ({@code ok}, {@code error_code}, {@code description}, {@code parameters}), a failure by
 * its exception's type only. An exception's message is never read: Vert.x puts the request URI, and
 * so the token, into some of them.
 */
final class TelegramAnswers {

  /** When a 429 names no wait, this many seconds. */
  static final int DEFAULT_RETRY_AFTER = 5;
  /** A longer wait is taken as this (a day): a broken value must not park a bot for ever. */
  static final int MAX_RETRY_AFTER = 86_400;

  private static final Pattern RETRY_AFTER_TEXT = Pattern.compile("retry after (\\d{1,9})");

  private TelegramAnswers() {
  }

  /** The outcome of an HTTP answer; {@code token} is removed from any text taken from it. */
  static TelegramOutcome read(int status, Buffer body, String token) {
    JsonObject json = botApiJson(body);
    if (json == null) {
      return new TelegramOutcome.Passing(status / 100 == 2
        ? "Telegram answered HTTP " + status + " without Bot API JSON"
        : "Telegram answered HTTP " + status);
    }
    if (Boolean.TRUE.equals(json.getValue("ok"))) {
      return json.containsKey("result") && json.getValue("result") != null
        ? new TelegramOutcome.Ok(json.getValue("result"))
        : new TelegramOutcome.Passing("Telegram answered ok without a result");
    }
    int code = json.getValue("error_code") instanceof Number n ? n.intValue() : status;
    String description = description(json.getValue("description"), token);
    JsonObject parameters = json.getValue("parameters") instanceof JsonObject p ? p : new JsonObject();
    if (code == 401 || code == 404) {
      return new TelegramOutcome.TokenRejected(code, description);
    }
    if (code == 429) {
      return new TelegramOutcome.RetryAfter(retryAfter(parameters.getValue("retry_after"), description), description);
    }
    if (code == 403) {
      return new TelegramOutcome.Blocked(description);
    }
    if (code == 409) {
      return new TelegramOutcome.Conflict(description);
    }
    if (code >= 400 && code < 500) {
      Long migrateTo = parameters.getValue("migrate_to_chat_id") instanceof Number n ? n.longValue() : null;
      return new TelegramOutcome.BadRequest(code, description, migrateTo);
    }
    return new TelegramOutcome.Passing(description.isEmpty()
      ? "Telegram answered error " + code
      : "Telegram answered error " + code + " (" + description + ")");
  }

  /** A fixed sentence for a call that got no HTTP answer, chosen by the exception's type alone. */
  static String reason(Throwable failure, long timeoutMs) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      // Netty's ConnectTimeoutException is a ConnectException: timeouts first.
      if (t instanceof TimeoutException || t instanceof ConnectTimeoutException) {
        return timedOut(timeoutMs);
      }
      if (t instanceof UnknownHostException) {
        return "could not resolve the Telegram API host";
      }
      if (t instanceof ConnectException) {
        return "could not connect to Telegram";
      }
      if (t instanceof SSLException) {
        return "the TLS handshake with Telegram failed";
      }
      if (t instanceof HttpClosedException) {
        return "Telegram closed the connection before answering";
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return "could not reach Telegram";
  }

  static String timedOut(long timeoutMs) {
    return "Telegram did not answer within " + timeoutMs + " ms";
  }

  /** The body as a Bot API answer (a JSON object with a boolean {@code ok}), else null. */
  private static JsonObject botApiJson(Buffer body) {
    if (body == null || body.length() == 0) {
      return null;
    }
    try {
      JsonObject json = new JsonObject(body);
      return json.getValue("ok") instanceof Boolean ? json : null;
    } catch (RuntimeException notJsonObject) {
      return null;
    }
  }

  /** Telegram's description, without the token should a server ever echo it, short and printable. */
  private static String description(Object value, String token) {
    if (!(value instanceof String text)) {
      return "";
    }
    String secret = token.substring(token.indexOf(':') + 1);
    // Cleaned before the token is looked for, so control characters cannot hide one that cleaning would rejoin.
    String clean = TelegramText.clean(text, Integer.MAX_VALUE);
    return TelegramText.cap(clean.replace(token, "<token>").replace(secret, "<token>"));
  }

  /** {@code parameters.retry_after}, else the number in "Too Many Requests: retry after N", else a default. */
  private static int retryAfter(Object value, String description) {
    long seconds = DEFAULT_RETRY_AFTER;
    if (value instanceof Number n) {
      seconds = n.longValue();
    } else {
      Matcher m = RETRY_AFTER_TEXT.matcher(description);
      if (m.find()) {
        seconds = Long.parseLong(m.group(1));
      }
    }
    return (int) Math.max(1, Math.min(MAX_RETRY_AFTER, seconds));
  }
}

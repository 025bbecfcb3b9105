package io.botfactory.telegram;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What one Bot API call came to, as the few cases a caller acts on differently. Never carries a
 * token or a URL: descriptions are Telegram's own text, shortened and cleaned by the client, and
 * reasons are fixed sentences. {@link #describe()} is the text for a {@code last_error} column.
 */
public sealed interface TelegramOutcome {

  /** The cases, for a {@code switch} (Java 17 has no pattern switch) and for log lines and metric tags. */
  enum Kind { OK, TOKEN_REJECTED, RETRY_AFTER, BLOCKED, CONFLICT, BAD_REQUEST, PASSING }

  Kind kind();

  /** A short human-readable sentence about the outcome; never contains a token. */
  String describe();

  default boolean isOk() {
    return kind() == Kind.OK;
  }

  /** {@code {"ok": true, "result": ...}}: the result is a JsonObject, a JsonArray, a Boolean, a String or a Number. */
  record Ok(Object result) implements TelegramOutcome {
    public Kind kind() {
      return Kind.OK;
    }

    public String describe() {
      return "ok";
    }

    /** The result when it is an object (getMe, sendMessage, getWebhookInfo), else null. */
    public JsonObject object() {
      return result instanceof JsonObject o ? o : null;
    }

    /** The result when it is an array (getUpdates, getMyCommands), else null. */
    public JsonArray array() {
      return result instanceof JsonArray a ? a : null;
    }

    /** The result when it is a boolean (setWebhook, deleteWebhook, setMyCommands), else null. */
    public Boolean bool() {
      return result instanceof Boolean b ? b : null;
    }
  }

  /** Error code 401 (the token was revoked or never existed) or 404 (Telegram's answer to a malformed token). */
  record TokenRejected(int code, String description) implements TelegramOutcome {
    public Kind kind() {
      return Kind.TOKEN_REJECTED;
    }

    public String describe() {
      return TelegramText.cap("Telegram rejected the token (" + code + ": " + description + ")");
    }
  }

  /** 429: wait {@code seconds} (at least 1) before calling again. */
  record RetryAfter(int seconds, String description) implements TelegramOutcome {
    public Kind kind() {
      return Kind.RETRY_AFTER;
    }

    public String describe() {
      return TelegramText.cap("Telegram asked to wait " + seconds + " s (" + description + ")");
    }
  }

  /** 403: the user blocked the bot, or the bot was removed from the chat. */
  record Blocked(String description) implements TelegramOutcome {
    public Kind kind() {
      return Kind.BLOCKED;
    }

    public String describe() {
      return TelegramText.cap("Telegram refused (403: " + description + ")");
    }
  }

  /** 409: getUpdates while a webhook is set, or a second getUpdates for the same bot. */
  record Conflict(String description) implements TelegramOutcome {
    public Kind kind() {
      return Kind.CONFLICT;
    }

    public String describe() {
      return TelegramText.cap("Telegram reported a conflict (409: " + description + ")");
    }
  }

  /**
   * 400 and any other 4xx: the request itself is wrong and sending it again will not help.
   * {@code migrateToChatId} is Telegram's {@code parameters.migrate_to_chat_id} (a group that became a
   * supergroup), else null. {@code code} 0 means the client refused the call without sending it.
   */
  record BadRequest(int code, String description, Long migrateToChatId) implements TelegramOutcome {
    public BadRequest(int code, String description) {
      this(code, description, null);
    }

    public Kind kind() {
      return Kind.BAD_REQUEST;
    }

    public String describe() {
      return TelegramText.cap("Telegram refused the request (" + code + ": " + description + ")");
    }
  }

  /** Network failure, timeout, 5xx, or an answer that is not Bot API JSON: worth retrying later. */
  record Passing(String reason) implements TelegramOutcome {
    public Kind kind() {
      return Kind.PASSING;
    }

    public String describe() {
      return TelegramText.cap(reason);
    }
  }
}

package io.botfactory.bus;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The failure codes a service replies with. Each code is the HTTP status the router answers
 * with, so the mapping to HTTP is the identity and lives nowhere else.
 *
 * <p>The failure message is the human-readable {@code detail}, except for {@link #INVALID},
 * whose message is the JSON text of a FastAPI-style detail list, {@link #THROTTLED}, whose
 * message is the number of seconds to wait, and an {@link #UNAVAILABLE} that knows when to come
 * back ({@link Unavailable}): {@code "<seconds> <detail>"}.
 */
public enum Failure {
  UNAUTHENTICATED(401),
  NOT_FOUND(404),
  CONFLICT(409),
  INVALID(422),
  THROTTLED(429),
  UNAVAILABLE(503);

  /** The detail of an UNAUTHENTICATED reply: the caller's client no longer exists. */
  public static final String CLIENT_GONE = "Could not validate credentials";
  /** The detail of an UNAVAILABLE reply. */
  public static final String UNAVAILABLE_DETAIL = "Service temporarily unavailable";

  private final int code;

  Failure(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** Replies to {@code message} with this failure. */
  public void reply(Message<?> message, String detail) {
    message.fail(code, detail);
  }

  /** A failed-future cause carrying this failure, for services that compose futures. */
  public ReplyException exception(String detail) {
    return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, code, detail);
  }

  /**
   * A 503 that says when to come back and why, e.g. Telegram could not check a token now. Without
   * such a message (a service that did not answer, a plain UNAVAILABLE) it is one second and the
   * generic detail.
   */
  public record Unavailable(int retryAfterSeconds, String detail) {

    private static final Pattern MESSAGE = Pattern.compile("(\\d{1,6}) (.+)", Pattern.DOTALL);
    public static final Unavailable GENERIC = new Unavailable(1, UNAVAILABLE_DETAIL);

    public Unavailable {
      retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public ReplyException exception() {
      return UNAVAILABLE.exception(retryAfterSeconds + " " + detail);
    }

    /** What an UNAVAILABLE failure's message says; {@link #GENERIC} for a plain detail. */
    public static Unavailable of(String message) {
      Matcher m = message == null ? null : MESSAGE.matcher(message);
      return m != null && m.matches() ? new Unavailable(Integer.parseInt(m.group(1)), m.group(2)) : GENERIC;
    }
  }

  /** The failure a service sent, or {@code null} when the cause is not one of ours. */
  public static Failure of(Throwable cause) {
    if (cause instanceof ReplyException) {
      ReplyException re = (ReplyException) cause;
      if (re.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
        for (Failure f : values()) {
          if (f.code == re.failureCode()) {
            return f;
          }
        }
      }
    }
    return null;
  }
}

package io.botfactory.bus;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * The failure codes a service replies with. Each code is the HTTP status the router answers
 * with, so the mapping to HTTP is the identity and lives nowhere else.
 *
 * <p>The failure message is the human-readable {@code detail}, except for {@link #INVALID},
 * whose message is the JSON text of a FastAPI-style detail list, and {@link #THROTTLED}, whose
 * message is the number of seconds to wait.
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

package io.botfactory.telegram;

import io.vertx.core.json.JsonObject;

/**
 * A way for the double to misbehave, injected with {@link TelegramDouble#when(String)}: a fixed
 * answer (the real texts Telegram uses), a delay before the real answer, no answer at all, or a
 * connection closed without an answer.
 */
public final class DoubleFault {

  enum Type { ANSWER, SLOW, HANG, CLOSE }

  final Type type;
  final DoubleAnswer answer;
  final long delayMs;

  private DoubleFault(Type type, DoubleAnswer answer, long delayMs) {
    this.type = type;
    this.answer = answer;
    this.delayMs = delayMs;
  }

  /** Any Bot API error: {@code {"ok":false,"error_code":code,"description":description}} with HTTP status {@code code}. */
  public static DoubleFault error(int code, String description) {
    return answer(DoubleAnswer.error(code, description));
  }

  /** 401 "Unauthorized": the token was revoked. */
  public static DoubleFault unauthorized() {
    return answer(DoubleAnswer.unauthorized());
  }

  /** 404 "Not Found": what api.telegram.org answers to a token it cannot parse, or an unknown method. */
  public static DoubleFault notFound() {
    return answer(DoubleAnswer.notFound());
  }

  /** 403 "Forbidden: bot was blocked by the user". */
  public static DoubleFault blocked() {
    return error(403, "Forbidden: bot was blocked by the user");
  }

  /** 400 "Bad Request: {@code what}", e.g. "chat not found". */
  public static DoubleFault badRequest(String what) {
    return answer(DoubleAnswer.badRequest(what));
  }

  /** 409 "Conflict: terminated by other getUpdates request; ...". */
  public static DoubleFault conflict() {
    return error(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
  }

  /** 429 "Too Many Requests: retry after N" with {@code parameters.retry_after}. */
  public static DoubleFault retryAfter(int seconds) {
    return answer(DoubleAnswer.retryAfter(seconds));
  }

  /** 500 {@code {"ok":false,"error_code":500,"description":"Internal Server Error"}}. */
  public static DoubleFault internalError() {
    return error(500, "Internal Server Error");
  }

  /** 502 with nginx's HTML page, as api.telegram.org answers while its back end is down. */
  public static DoubleFault badGateway() {
    return answer(DoubleAnswer.nginx502());
  }

  /** A 302 to {@code location}, which a client must not follow. */
  public static DoubleFault redirect(String location) {
    return answer(new DoubleAnswer(302, "text/html", "<html><body>Moved</body></html>", location));
  }

  /** Any status and JSON body, e.g. a getMe result with another id. */
  public static DoubleFault json(int status, JsonObject body) {
    return answer(DoubleAnswer.json(status, body));
  }

  /** The real answer, {@code delayMs} late. */
  public static DoubleFault slow(long delayMs) {
    return new DoubleFault(Type.SLOW, null, delayMs);
  }

  /** No answer at all: the request stays open until the client gives up or the double stops. */
  public static DoubleFault hang() {
    return new DoubleFault(Type.HANG, null, 0);
  }

  /** The connection closed as soon as the request arrived, without an answer. */
  public static DoubleFault closeConnection() {
    return new DoubleFault(Type.CLOSE, null, 0);
  }

  private static DoubleFault answer(DoubleAnswer answer) {
    return new DoubleFault(Type.ANSWER, answer, 0);
  }
}

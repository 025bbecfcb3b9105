package io.botfactory.telegram;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A way for the double to misbehave, injected with {@link TelegramDouble#when(String)}: a fixed
 * answer (the real texts Telegram uses), a delay before the real answer, no answer at all, a
 * connection closed without an answer, or an answer a client must not wait for in full: a huge one,
 * or one trickled a byte at a time. The last two record what they wrote and when the client cut
 * the connection ({@link #written()}, {@link #awaitCut(Duration)}).
 */
public final class DoubleFault {

  enum Type { ANSWER, SLOW, HANG, CLOSE, STREAM }

  final Type type;
  final DoubleAnswer answer;
  final long delayMs;
  /** STREAM: the body's length, whether it is declared in Content-Length, and the pause before each byte (0: none). */
  final long bytes;
  final boolean declared;
  final long everyMs;
  final AtomicLong written = new AtomicLong();
  final CompletableFuture<Long> cut = new CompletableFuture<>();

  private DoubleFault(Type type, DoubleAnswer answer, long delayMs) {
    this(type, answer, delayMs, 0, false, 0);
  }

  private DoubleFault(Type type, DoubleAnswer answer, long delayMs, long bytes, boolean declared, long everyMs) {
    this.type = type;
    this.answer = answer;
    this.delayMs = delayMs;
    this.bytes = bytes;
    this.declared = declared;
    this.everyMs = everyMs;
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

  /**
   * A 200 whose body is valid Bot API JSON of {@code bytes} bytes, written as fast as the client
   * reads it, with its length in Content-Length when {@code declared}, else chunked (as a
   * misbehaving server or a proxy in between may send).
   */
  public static DoubleFault huge(long bytes, boolean declared) {
    return new DoubleFault(Type.STREAM, null, 0, bytes, declared, 0);
  }

  /** A 200 whose JSON body (of {@code bytes} bytes) comes one byte every {@code everyMs}: never silent, never done in time. */
  public static DoubleFault trickle(long bytes, long everyMs) {
    return new DoubleFault(Type.STREAM, null, 0, bytes, false, everyMs);
  }

  /** STREAM: the body bytes written so far. */
  public long written() {
    return written.get();
  }

  /** STREAM: the bytes written when the client closed the connection; fails if it stays open {@code within}. */
  public long awaitCut(Duration within) {
    try {
      return cut.get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("the client did not close the connection within " + within + " (" + written() + " bytes written)", e);
    }
  }

  private static DoubleFault answer(DoubleAnswer answer) {
    return new DoubleFault(Type.ANSWER, answer, 0);
  }
}

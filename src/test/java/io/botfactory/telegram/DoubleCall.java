package io.botfactory.telegram;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * One request the double received: the method (Telegram's spelling when it is a known method), the
 * bot id (the token's numeric part; 0 when the token was not well-formed), the parameters (JSON
 * body, form and query merged), when it arrived and, once answered, the status and body. Its
 * {@link #toString()} and {@link #toJson()} never show the token.
 */
public final class DoubleCall {

  private final long seq;
  private final String method;
  private final long botId;
  private final String token;
  private final JsonObject params;
  private final Instant receivedAt;
  private volatile Instant answeredAt;
  private volatile int status;
  private volatile String answer;

  DoubleCall(long seq, String method, long botId, String token, JsonObject params, Instant receivedAt) {
    this.seq = seq;
    this.method = method;
    this.botId = botId;
    this.token = token;
    this.params = params;
    this.receivedAt = receivedAt;
  }

  /** 1, 2, 3... in order of arrival; {@code /_double/calls?since=} counts on it. */
  public long seq() {
    return seq;
  }

  public String method() {
    return method;
  }

  public long botId() {
    return botId;
  }

  /** The token the call was made with (to tell an old token from a new one). */
  public String token() {
    return token;
  }

  /** The parameters, as received. */
  public JsonObject body() {
    return params.copy();
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  /** Null until answered (and for ever for a call held open or cut). */
  public Instant answeredAt() {
    return answeredAt;
  }

  /** The HTTP status answered; 0 until answered. */
  public int status() {
    return status;
  }

  public boolean answered() {
    return answeredAt != null;
  }

  /** The JSON answered, or null (not answered yet, or an HTML answer). */
  public JsonObject answer() {
    String text = answer;
    if (text == null) {
      return null;
    }
    try {
      return new JsonObject(text);
    } catch (RuntimeException html) {
      return null;
    }
  }

  void answered(int status, String body) {
    this.status = status;
    this.answer = body;
    this.answeredAt = Instant.now();
  }

  JsonObject toJson() {
    return new JsonObject().put("seq", seq).put("method", method).put("bot_id", botId).put("body", params)
      .put("received_at", receivedAt.toString()).put("answered_at", answeredAt == null ? null : answeredAt.toString())
      .put("status", status);
  }

  @Override
  public String toString() {
    return "#" + seq + " " + method + " bot " + botId + " -> " + (answered() ? status : "(unanswered)");
  }
}

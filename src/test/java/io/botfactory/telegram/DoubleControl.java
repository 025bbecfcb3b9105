package io.botfactory.telegram;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;


/**
 * A small control API for a double running as its own process (benchmarks, demos); never shows a token:
 * <ul>
 *   <li>{@code GET /_double/calls?method=sendMessage&since=12}: the calls after seq 12, oldest first;</li>
 *   <li>{@code GET /_double/stats}: {@code {"calls": n, "by_method": {...}, "by_status": {...}}};</li>
 *   <li>{@code GET /_double/sent?since=12&limit=1000}: the messages sendMessage accepted after seq 12 (of
 *       their own numbering), oldest first, each {@code [seq, bot_id, chat_id, received_at_us, text]}, with the
 *       seqs of the oldest and newest kept (a load generator's feed: see {@link SentLog});</li>
 *   <li>{@code POST /_double/reset}: forgets the calls and the injected faults;</li>
 *   <li>{@code POST /_double/bots} with {@code {"id": n, "username": "..."}}: adds a bot, answers its {@code token}.</li>
 * </ul>
 */
final class DoubleControl {

  private final TelegramDouble telegram;

  DoubleControl(TelegramDouble telegram) {
    this.telegram = telegram;
  }

  void handle(HttpServerRequest req) {
    try {
      route(req);
    } catch (RuntimeException badInput) {
      answer(req, 400, new JsonObject().put("detail", "Bad request"));
    }
  }

  private void route(HttpServerRequest req) {
    String path = req.path();
    if (req.method() == HttpMethod.GET && path.equals("/_double/calls")) {
      answer(req, 200, calls(req.getParam("method"), req.getParam("since")));
    } else if (req.method() == HttpMethod.GET && path.equals("/_double/sent")) {
      answer(req, 200, telegram.sentAfter(number(req.getParam("since"), 0), (int) number(req.getParam("limit"), 10_000)));
    } else if (req.method() == HttpMethod.GET && path.equals("/_double/stats")) {
      answer(req, 200, telegram.stats());
    } else if (req.method() == HttpMethod.POST && path.equals("/_double/reset")) {
      telegram.reset();
      answer(req, 200, new JsonObject().put("reset", true));
    } else if (req.method() == HttpMethod.POST && path.equals("/_double/bots")) {
      req.body().onSuccess(body -> {
        try {
          addBot(req, body.toJsonObject());
        } catch (RuntimeException badInput) {
          answer(req, 400, new JsonObject().put("detail", "Bad request"));
        }
      });
    } else {
      answer(req, 404, new JsonObject().put("detail", "Not Found"));
    }
  }

  private JsonArray calls(String method, String since) {
    long after = since == null ? 0 : Long.parseLong(since);
    JsonArray out = new JsonArray();
    (method == null ? telegram.calls() : telegram.calls(method)).stream().filter(c -> c.seq() > after)
      .forEach(c -> out.add(c.toJson()));
    return out;
  }

  private static long number(String text, long fallback) {
    long n = text == null ? fallback : Long.parseLong(text);
    if (n < 0) {
      throw new IllegalArgumentException("negative");
    }
    return n;
  }

  private void addBot(HttpServerRequest req, JsonObject body) {
    long id = body.getLong("id");
    String username = body.getString("username", "bot" + id + "_bot");
    answer(req, 201, new JsonObject().put("id", id).put("username", username).put("token", telegram.addBot(id, username)));
  }

  private static void answer(HttpServerRequest req, int status, Object body) {
    String text = body instanceof JsonArray a ? a.encode() : ((JsonObject) body).encode();
    req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(text);
  }
}

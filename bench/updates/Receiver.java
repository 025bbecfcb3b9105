import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The event endpoints' receiver for the integration scenarios: a loopback HTTP server that
 * answers every POST 200 at once and keeps, per delivery, when its body had arrived
 * (microseconds since the epoch, the machine's clock, as the generator's), its
 * {@code webhook-id}, the event's {@code bot_id} and its Telegram update's {@code update_id}
 * (-1 for an event without one). Its own control routes:
 * <ul>
 *   <li>{@code GET /_receiver/stats}: {@code {"requests": n, "distinct": n}} (distinct webhook-ids);</li>
 *   <li>{@code GET /_receiver/log?since=N}: the deliveries after the N-th, one a line,
 *       {@code arrival_us TAB webhook_id TAB bot_id TAB update_id}.</li>
 * </ul>
 * Signatures are not checked here (the delivery tests check them against the Standard Webhooks
 * library); only what timing and counting need is read. One event loop.
 */
final class Receiver {

  private final StringBuilder log = new StringBuilder(1 << 20);
  private final java.util.List<Integer> lineStarts = new java.util.ArrayList<>();
  private final Set<String> ids = new HashSet<>();
  private long requests;

  static Future<HttpServer> start(Vertx vertx, int port) {
    Receiver receiver = new Receiver();
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
      .requestHandler(receiver::handle).listen();
  }

  private void handle(HttpServerRequest req) {
    if (req.path().equals("/_receiver/stats")) {
      req.response().putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("requests", requests).put("distinct", ids.size()).encode());
      return;
    }
    if (req.path().equals("/_receiver/log")) {
      int since = Integer.parseInt(java.util.Objects.requireNonNullElse(req.getParam("since"), "0"));
      String text = since >= lineStarts.size() ? "" : log.substring(lineStarts.get(since));
      req.response().putHeader("Content-Type", "text/plain").end(text);
      return;
    }
    req.body().onSuccess(body -> {
      Instant now = Instant.now();
      long us = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
      String id = req.getHeader("webhook-id");
      String bot = "-";
      long updateId = -1;
      try {
        JsonObject event = body.toJsonObject();
        bot = event.getString("bot_id", "-");
        JsonObject data = event.getJsonObject("data");
        JsonObject update = data == null ? null : data.getJsonObject("update");
        if (update != null) {
          updateId = update.getLong("update_id", -1L);
        }
      } catch (RuntimeException e) {
        bot = "unreadable";
      }
      requests++;
      ids.add(String.valueOf(id));
      lineStarts.add(log.length());
      log.append(us).append('\t').append(id).append('\t').append(bot).append('\t').append(updateId).append('\n');
      req.response().setStatusCode(200).end();
    });
  }
}

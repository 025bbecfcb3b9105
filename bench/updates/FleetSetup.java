import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Registers the fleet through the public API, as a customer would: a client, N bots (POST
 * /bots, which asks the Telegram double getMe), each given the benchmark's commands (PUT
 * /bots/{id}/commands); then waits until the service has set every bot's webhook at the
 * double (each bot's {@code webhook.status} "active"), and writes the fleet file.
 */
final class FleetSetup {

  private final Vertx vertx;
  private final WebClient web;
  private final String api;

  FleetSetup(Vertx vertx, String api) {
    this.vertx = vertx;
    this.web = WebClient.create(vertx);
    this.api = api;
  }

  void run(int bots, int chatsPerBot, int parallel, long waitMs, Path out) throws Exception {
    long seed = System.currentTimeMillis() / 1000;
    String email = "bench-updates-" + System.currentTimeMillis() + "@bench.local";
    String password = "bench-password-" + seed;
    expect(201, web.postAbs(api + "/auth/register").sendJsonObject(new JsonObject().put("email", email)
      .put("password", password).put("full_name", "bench updates")).await(), "POST /auth/register");
    String token = expect(200, web.postAbs(api + "/auth/token").sendForm(MultiMap.caseInsensitiveMultiMap()
      .add("username", email).add("password", password)).await(), "POST /auth/token").bodyAsJsonObject()
      .getString("access_token");

    long t0 = System.nanoTime();
    List<JsonObject> created = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> workers = new ArrayList<>();
    for (int w = 0; w < parallel; w++) {
      workers.add(createNext(token, seed, bots, next, created));
    }
    Future.all(workers).await();
    log("created " + created.size() + " bots with their commands in " + (System.nanoTime() - t0) / 1_000_000 + " ms");

    long deadline = System.currentTimeMillis() + waitMs;
    int active;
    while ((active = activeWebhooks(token)) < bots) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("only " + active + " of " + bots + " webhooks active after " + waitMs + " ms");
      }
      Thread.sleep(500);
    }
    log("all " + bots + " webhooks active after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    created.sort((a, b) -> Long.compare(a.getLong("telegram_bot_id"), b.getLong("telegram_bot_id")));
    Fleet.write(out, created, chatsPerBot);
    // The client's login beside it, for the scenarios that use the API as the bots' owner
    // (broadcasts, endpoints): a bench account on the bench's own database.
    java.nio.file.Files.writeString(Path.of(out + ".login.json"),
      new JsonObject().put("email", email).put("password", password).encode());
  }

  /** One of the parallel creators: takes the next bot number until there are {@code bots}. */
  private Future<Void> createNext(String token, long seed, int bots, AtomicInteger next, List<JsonObject> created) {
    int n = next.getAndIncrement();
    if (n >= bots) {
      return Future.succeededFuture();
    }
    // 4 | seed (9 digits) | n (4 digits): below 2^54, as Telegram's bot ids are; new at every
    // setup (the second it ran); bench/run.sh's other bots start with 1, 2 and 3.
    long telegramId = 4_000_000_000_000_000L + seed % 1_000_000_000L * 10_000 + n;
    String botToken = telegramId + ":AA" + String.format("%033d", n).replace('0', 'b');
    JsonObject body = new JsonObject().put("name", "bench updates bot " + n).put("token", botToken)
      .put("description", "bench/run.sh update scenarios");
    return web.postAbs(api + "/bots").bearerTokenAuthentication(token).sendJsonObject(body)
      .map(r -> expect(201, r, "POST /bots").bodyAsJsonObject())
      .compose(bot -> web.putAbs(api + "/bots/" + bot.getString("id") + "/commands").bearerTokenAuthentication(token)
        .sendJsonObject(Fleet.commandSet())
        .map(r -> {
          expect(200, r, "PUT /bots/{id}/commands");
          // The token too: a peer server measured beside the service runs the same bots.
          created.add(new JsonObject().put("id", bot.getString("id")).put("client_id", bot.getString("client_id"))
            .put("telegram_bot_id", bot.getLong("telegram_bot_id"))
            .put("telegram_username", bot.getString("telegram_username")).put("token", botToken));
          return (Void) null;
        }))
      .compose(v -> createNext(token, seed, bots, next, created));
  }

  /** How many of the client's bots have an active webhook, over every page of GET /bots/me. */
  private int activeWebhooks(String token) {
    int active = 0;
    String after = null;
    do {
      String uri = api + "/bots/me?limit=100" + (after == null ? "" : "&after=" + after);
      JsonArray page = expect(200, web.getAbs(uri).bearerTokenAuthentication(token).send().await(), "GET /bots/me")
        .bodyAsJsonArray();
      for (Object o : page) {
        JsonObject bot = (JsonObject) o;
        JsonObject webhook = bot.getJsonObject("webhook");
        if (webhook != null && "active".equals(webhook.getString("status"))) {
          active++;
        }
      }
      after = page.size() == 100 ? page.getJsonObject(99).getString("id") : null;
    } while (after != null);
    return active;
  }

  private static HttpResponse<Buffer> expect(int status, HttpResponse<Buffer> r, String what) {
    if (r.statusCode() != status) {
      throw new IllegalStateException(what + " answered " + r.statusCode() + ", expected " + status + ": " + r.bodyAsString());
    }
    return r;
  }

  private static void log(String s) {
    System.err.println("[setup] " + s);
  }
}

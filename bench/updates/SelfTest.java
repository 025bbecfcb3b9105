import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Checks of the generator itself (bench/updates-test.sh runs them): the corpus has the shape and
 * sizes it claims, replies are matched to their commands as claimed, and the open loop measures
 * from the time an update was due, so a stall of the service shows in its latencies. Also the
 * generator's ceiling: how many deliveries it makes per second against a server that answers at
 * once (so that it is known not to be what limits a measurement).
 */
final class SelfTest {

  private static int failures;

  private SelfTest() {
  }

  static int run(Vertx vertx) throws Exception {
    corpus();
    ledger();
    secrets();
    openLoopCountsTheWaitOfAStall(vertx);
    System.err.println(failures == 0 ? "selftest: all checks passed" : "selftest: " + failures + " check(s) FAILED");
    return failures == 0 ? 0 : 1;
  }

  // ---- the corpus ---------------------------------------------------------------------------------

  private static void corpus() {
    Fleet fleet = fleet(20, 100);
    Traffic traffic = new Traffic(fleet, null, 1_000_000_000L, 7);
    int[] kinds = new int[Corpus.Kind.values().length];
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (int i = 0; i < 20_000; i++) {
      Traffic.Update u = traffic.next();
      kinds[u.kind().ordinal()]++;
      int size = u.body().length();
      min = Math.min(min, size);
      max = Math.max(max, size);
      JsonObject json = new JsonObject(u.body());
      check(json.getLong("update_id") == u.updateId(), "update_id is the one sent");
      check(size >= Corpus.MIN_BYTES && size <= Corpus.MAX_BYTES, "size " + size + " within 0.5-2 KB: " + json.encode());
      Corpus.Chat chat = Corpus.Chat.of(u.chatKey() / 100, u.chatKey() % 100, 100);
      switch (u.kind()) {
        case COMMAND -> command(json.getJsonObject("message"), chat, Fleet.COMMANDS.get(u.command()),
          fleet.bots.get(u.bot()).username());
        case TEXT -> entities(json.getJsonObject("message"), chat);
        case EDITED -> {
          entities(json.getJsonObject("edited_message"), chat);
          check(json.getJsonObject("edited_message").getLong("edit_date") > 0, "an edit has its edit_date");
        }
        case CALLBACK -> {
          JsonObject q = json.getJsonObject("callback_query");
          check(!q.getString("id").isEmpty() && q.getString("data").startsWith("act:"), "callback id and data");
          check(q.getJsonObject("message").getJsonObject("reply_markup").getJsonArray("inline_keyboard").size() > 0,
            "the message of a callback has its inline keyboard");
          check(q.getJsonObject("message").getJsonObject("chat").getLong("id") == chat.id(), "callback in its chat");
        }
      }
    }
    for (Corpus.Kind k : Corpus.Kind.values()) {
      check(kinds[k.ordinal()] > 2000, k + " is part of the mix (" + kinds[k.ordinal()] + ")");
    }
    System.err.println("selftest: corpus of 20,000 updates, " + min + " to " + max + " bytes, kinds "
      + java.util.Arrays.toString(kinds));
  }

  private static void command(JsonObject m, Corpus.Chat chat, String command, String username) {
    String text = m.getString("text");
    String head = "/" + command + (chat.group() ? "@" + username : "");
    check(text.equals(head) || text.startsWith(head + " "), "a command's text starts with " + head + ": " + text);
    JsonObject e = m.getJsonArray("entities").getJsonObject(0);
    check(e.getString("type").equals("bot_command") && e.getInteger("offset") == 0 && e.getInteger("length") == head.length(),
      "the bot_command entity covers " + head);
    check(m.getJsonObject("chat").getLong("id") == chat.id(), "a command in its chat");
    check(chat.group() ? chat.id() < -1_000_000_000_000L : chat.id() > (1L << 32), "chat ids as Telegram's: " + chat.id());
  }

  /** Every entity's offset and length, in UTF-16 code units, select what its type says. */
  private static void entities(JsonObject m, Corpus.Chat chat) {
    String text = m.getString("text");
    for (Object o : m.getJsonArray("entities")) {
      JsonObject e = (JsonObject) o;
      String part = text.substring(e.getInteger("offset"), e.getInteger("offset") + e.getInteger("length"));
      boolean fits = switch (e.getString("type")) {
        case "mention" -> part.startsWith("@") && part.indexOf(' ') < 0;
        case "url" -> part.startsWith("https://") && part.indexOf(' ') < 0;
        case "bold" -> part.equals("important");
        case "hashtag" -> part.equals("#support");
        default -> false;
      };
      check(fits, e.getString("type") + " entity selects '" + part + "'");
    }
    check(m.getJsonObject("chat").getLong("id") == chat.id(), "a message in its chat");
  }

  // ---- matching replies -----------------------------------------------------------------------------

  private static void ledger() {
    Ledger l = new Ledger(4);
    int a = l.add(0, 0, 1, 1000);
    int b = l.add(0, 1, 2, 2000);
    int c = l.add(1, 2, 3, 3000);
    int d = l.add(2, 3, 4, 4000);
    l.acked(a, 1);
    l.acked(b, 1);
    l.acked(c, 1);
    l.failed(d);
    check(l.reply(0, 0) == 1000, "the first reply of a chat answers its first command");
    check(l.reply(0, 1) == 2000, "the second answers the second");
    check(l.reply(0, 1) == 0 && l.duplicates() == 1, "a third reply in the chat is a duplicate");
    check(l.lastAnswered(0) == 2, "the chat's last answered command is known (for the duplicate's report)");
    check(l.reply(1, 0) == 0 && l.outOfOrder() == 1, "a reply with another command's text is out of order");
    check(l.reply(2, 3) == 4000, "a failed delivery may still have been stored: its reply matches");
    int e = l.add(3, 0, 5, 5000);
    int f = l.add(3, 1, 6, 6000);
    l.failed(e);
    l.acked(f, 1);
    check(l.reply(3, 1) == 6000, "a failed delivery owed nothing is skipped");
    int g = l.add(3, 2, 7, 7000);
    l.acked(g, 1);
    check(l.missing() == 1 && l.matched() == 4, "an acknowledged command without reply is missing");
  }

  // ---- webhook secrets -------------------------------------------------------------------------------

  /**
   * BotFactory's secrets are the service's own; the grammY anchor's match its config.js (the
   * expected value printed by its {@code WEBHOOK_KEY=... node secret.js ID}, key bytes 0 to 31),
   * whatever the case of the id.
   */
  private static void secrets() {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) i;
    }
    UUID id = UUID.fromString("6f1c0c52-0d7e-4c55-9a8e-3f1b2a7c9d10");
    check(Fleet.Secrets.GRAMMY.under(key).apply(id).equals("JPIz_4Dgz6LlmlhtDg6kY-OlKks8OfO5Q11JvtawOGc"),
      "the grammY anchor's webhook secret: HMAC-SHA256 of the id's lower-case text, base64url");
    check(Fleet.Secrets.BOTFACTORY.under(key).apply(id).equals(new io.botfactory.security.WebhookSecrets(key).secret(id)),
      "BotFactory's webhook secret is the service's WebhookSecrets");
    check(!Fleet.Secrets.BOTFACTORY.under(key).apply(id).equals(Fleet.Secrets.GRAMMY.under(key).apply(id)),
      "the two servers' secrets differ (so each load signs for its own server)");
  }

  // ---- the open loop and a stall ---------------------------------------------------------------------

  /**
   * A server that holds every request arriving in [1.0 s, 1.5 s) of the measured 3 s (after a 2 s
   * warm-up) until 1.5 s; 1,000 updates/s on 4 connections. About 500 updates fall due during
   * the stall and wait 0 to 500 ms: the 90th percentile must be near 200 ms and the 99th near
   * 500 ms. A generator that timed from
   * the actual send (coordinated omission) would see 4 slow answers and a p90 of about 1 ms.
   */
  private static void openLoopCountsTheWaitOfAStall(Vertx vertx) throws Exception {
    Vertx serverVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    long[] stall = new long[2];
    List<HttpServerRequest> held = new ArrayList<>();
    HttpServer server = serverVertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      long now = System.nanoTime();
      if (now >= stall[0] && now < stall[1]) {
        held.add(req);
        return;
      }
      req.response().setStatusCode(200).end();
    })).listen(0, "127.0.0.1").await();
    try {
      Fleet fleet = fleet(10, 100);
      Load.Plan plan = new Load.Plan(Load.Mode.OPEN, 4, 1000, 0, Corpus.Kind.COMMAND, 2, 3, false);
      Ledger ledger = new Ledger(1000);
      Load load = new Load(vertx, vertx.getOrCreateContext(), plan, fleet, new Traffic(fleet, Corpus.Kind.COMMAND, 5_000, 1), ledger,
        "http://127.0.0.1:" + server.actualPort());
      long t0 = System.nanoTime() + 200_000_000L;
      stall[0] = t0 + 3_000_000_000L;
      stall[1] = t0 + 3_500_000_000L;
      serverVertx.setPeriodic(10, id -> {
        if (System.nanoTime() >= stall[1]) {
          held.forEach(r -> r.response().setStatusCode(200).end());
          held.clear();
        }
      });
      load.run(t0, System.currentTimeMillis() * 1000 + 200_000).await();
      JsonObject s = load.summary().await();
      load.close().await();
      JsonObject ack = s.getJsonObject("ack_ms");
      System.err.println("selftest: stall of 500 ms at 1000/s: ack " + ack.encode() + ", send lag " + s.getJsonObject("send_lag_ms"));
      check(s.getLong("ok") == 3000, "every one of the 3,000 updates acknowledged: " + s.getLong("ok"));
      check(ack.getDouble("p50") < 50, "the median is not the stall's");
      check(ack.getDouble("p90") > 120 && ack.getDouble("p90") < 350, "p90 counts the wait of updates due in the stall");
      check(ack.getDouble("p99") > 400 && ack.getDouble("p99") < 800, "p99 near the stall's length");
      check(s.getJsonObject("send_lag_ms").getDouble("p99") < 20, "the generator itself sends on time");
    } finally {
      serverVertx.close().await();
    }
  }

  // ---- the ceiling ---------------------------------------------------------------------------------

  /** Closed loop against a server that answers 200 at once (on its own event loop, same JVM). */
  static JsonObject ceiling(Vertx vertx, int connections, int seconds) throws Exception {
    Vertx serverVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    HttpServer server = serverVertx.createHttpServer()
      .requestHandler(req -> req.body().onSuccess(b -> req.response().setStatusCode(200).end()))
      .listen(0, "127.0.0.1").await();
    try {
      Fleet fleet = fleet(1000, 100);
      Load.Plan plan = new Load.Plan(Load.Mode.CLOSED, connections, 0, 0, null, 1, seconds, false);
      Load load = new Load(vertx, vertx.getOrCreateContext(), plan, fleet, new Traffic(fleet, null, 5_000, 1),
        new Ledger(fleet.size() * 100), "http://127.0.0.1:" + server.actualPort());
      long cpu0 = cpuNs();
      load.run(System.nanoTime() + 100_000_000L, System.currentTimeMillis() * 1000 + 100_000).await();
      long cpu = cpuNs() - cpu0;
      JsonObject s = load.summary().await();
      load.close().await();
      return new JsonObject().put("connections", connections).put("acked_per_s", s.getDouble("acked_per_s"))
        .put("ack_ms", s.getJsonObject("ack_ms")).put("jvm_cpu_pct", Math.round(cpu / 1e7 / (seconds + 1.1)));
    } finally {
      serverVertx.close().await();
    }
  }

  private static long cpuNs() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
      .getProcessCpuTime();
  }

  private static Fleet fleet(int bots, int chats) {
    List<Fleet.Bot> list = new ArrayList<>();
    for (int i = 0; i < bots; i++) {
      long id = 1_000_000_000L + i;
      list.add(new Fleet.Bot(UUID.randomUUID(), id, "bot" + id + "_bot", "s" + i));
    }
    return new Fleet(list, chats);
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      failures++;
      if (failures <= 20) {
        System.err.println("selftest FAILED: " + what);
      }
    }
  }
}

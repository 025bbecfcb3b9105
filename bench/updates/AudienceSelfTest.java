import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

/**
 * Checks the broadcast and integration scenarios' own counting (bench/audience-test.sh), without
 * the service: the receiver and the matching of deliveries to acknowledged updates (latency from
 * the 200, a delivery missing, one delivered twice), and the count of messages per chat at the
 * double (a chat sent to twice). Prints what failed; exit code 1 then.
 */
final class AudienceSelfTest {

  private AudienceSelfTest() {
  }

  static int run(Vertx vertx) throws Exception {
    int failures = 0;
    failures += deliveries(vertx);
    failures += sentCount(vertx);
    System.out.println(failures == 0 ? "audience self-test: all checks passed" : "audience self-test: " + failures + " FAILED");
    return failures == 0 ? 0 : 1;
  }

  /** Three updates acknowledged, two events delivered (one of them twice, as at-least-once may), 40 ms after their 200. */
  private static int deliveries(Vertx vertx) throws Exception {
    HttpServer server = Receiver.start(vertx, 0).await();
    String receiver = "http://127.0.0.1:" + server.actualPort();
    WebClient web = WebClient.create(vertx);
    String bot = "6f1c2a44-0d55-4c1e-9a57-2f0cf1c3a001";
    long now = micros();
    Path acks = Files.createTempFile("acks", ".tsv");
    Files.writeString(acks, bot + "\t1\t" + (now - 40_000) + "\t" + (now - 45_000) + "\n"
      + bot + "\t2\t" + (now - 40_000) + "\t" + (now - 45_000) + "\n"
      + bot + "\t3\t" + (now - 40_000) + "\t" + (now - 45_000) + "\n");
    for (long[] d : new long[][]{{1, 11}, {2, 12}, {2, 12}}) {
      JsonObject event = new JsonObject().put("type", "message.received").put("bot_id", bot)
        .put("data", new JsonObject().put("text", "hi").put("update", new JsonObject().put("update_id", d[0])));
      int status = web.postAbs(receiver + "/e/0").putHeader("webhook-id", "msg_" + d[1])
        .sendBuffer(Buffer.buffer(event.encode())).await().statusCode();
      if (status != 200) {
        return fail("the receiver answered " + status);
      }
    }
    JsonObject r = Deliveries.report(vertx, receiver, acks, now - 1_000_000, now + 1_000_000, 500);
    Files.delete(acks);
    server.close().await();
    int failed = 0;
    failed += check(r.getLong("acked") == 3 && r.getLong("delivered") == 2 && r.getLong("missing") == 1, "matching: " + r);
    failed += check(r.getLong("ids_delivered_twice") == 1 && r.getLong("receiver_requests") == 3, "twice: " + r);
    double p50 = r.getJsonObject("latency_ms").getDouble("p50");
    failed += check(p50 >= 40 && p50 < 5_000, "latency from the 200 (at least 40 ms): " + r);
    return failed;
  }

  /** A double's sent log with chat 7 of bot 1 twice, a message of another bot, and one after the moment looked from. */
  private static int sentCount(Vertx vertx) throws Exception {
    JsonArray messages = new JsonArray().add(new JsonArray().add(5).add(1L).add(7L).add(1_000L).add("a"))
      .add(new JsonArray().add(6).add(1L).add(8L).add(2_000L).add("a")).add(new JsonArray().add(7).add(2L).add(7L).add(3_000L).add("a"))
      .add(new JsonArray().add(8).add(1L).add(7L).add(9_000L).add("a"));
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)).requestHandler(req -> {
      long since = Long.parseLong(req.getParam("since"));
      int limit = Integer.parseInt(req.getParam("limit"));
      JsonArray page = new JsonArray();
      messages.stream().map(JsonArray.class::cast).filter(m -> m.getLong(0) > since).limit(limit).forEach(page::add);
      req.response().end(new JsonObject().put("first", 5).put("last", 8).put("messages", page).encode());
    }).listen().await();
    String url = "http://127.0.0.1:" + server.actualPort();
    SentCount c = SentCount.read(vertx, url, 4, java.util.Map.of(1L, Set.of(7L, 8L)), 5_000);
    long newest = SentCount.newestSeq(WebClient.create(vertx), url);
    server.close().await();
    int failed = 0;
    failed += check(c.messages == 3 && c.twice(1L).equals(Set.of(7L)) && c.chats(1L) == 2, "per chat: " + c.perChat);
    failed += check(c.firstUs == 1_000 && c.lastUs == 9_000 && c.firstAfterUs == 9_000, "times: " + c.firstUs + " " + c.lastUs);
    failed += check(newest == 8, "newest seq " + newest);
    return failed;
  }

  private static long micros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
  }

  private static int check(boolean ok, String what) {
    return ok ? 0 : fail(what);
  }

  private static int fail(String what) {
    System.out.println("FAILED: " + what);
    return 1;
  }
}

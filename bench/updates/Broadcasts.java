import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One broadcast scenario: a broadcast of each of the fleet's bots {@code from..to} (every active
 * subscriber: the set-up seeded them), created through the public API at once, followed
 * ({@code GET} every {@code pollMs}) until every one is done; then each recipient's final state
 * read from the database and every message counted at the Telegram double, per chat. With
 * {@code nodes} and {@code killAt}: once that share of the recipients has an outcome, the node
 * holding the (first) broadcast's bot is killed with SIGKILL, the recipients it had marked
 * {@code sending} (in flight: marked, outcome not written) counted, and the broadcast followed
 * through another node's API to its end.
 */
final class Broadcasts {

  /** An engine node: its name in bot_workers ("Update engine joined as ..." in its log), pid, API. */
  record Node(String name, long pid, String api) {
  }

  private static final Set<String> ENDED = Set.of("done", "cancelled");

  private Broadcasts() {
  }

  static JsonObject run(Vertx vertx, String api, Path fleetFile, int from, int to, String doubleUrl, String dbUrl,
                        List<Node> nodes, double killAt, long timeoutMs) throws Exception {
    JsonArray fleet = new JsonObject(Files.readString(fleetFile)).getJsonArray("bots");
    Owner owner = Owner.of(vertx, api, fleetFile);
    Pool db = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(dbUrl)).with(new PoolOptions().setMaxSize(1))
      .using(vertx).build();
    WebClient web = WebClient.create(vertx);
    long seq0 = SentCount.newestSeq(web, doubleUrl);
    long limited0 = SentCount.limited(web, doubleUrl);

    Map<String, String> broadcasts = new LinkedHashMap<>(); // bot id -> broadcast id
    for (int i = from; i <= to; i++) {
      JsonObject bot = fleet.getJsonObject(i);
      JsonObject b = owner.post("/bots/" + bot.getString("id") + "/broadcasts", new JsonObject()
        .put("text", "Bench broadcast: this week's news and offers, one message per subscriber."), 201);
      broadcasts.put(bot.getString("id"), b.getString("id"));
    }
    UpdateBench.log(broadcasts.size() + " broadcasts created");

    JsonObject kill = null;
    boolean running = false;
    long unavailable = 0;
    long deadline = System.currentTimeMillis() + timeoutMs;
    List<JsonObject> last;
    while (true) {
      last = new ArrayList<>();
      for (Map.Entry<String, String> b : broadcasts.entrySet()) {
        JsonObject now = owner.getOrNull("/bots/" + b.getKey() + "/broadcasts/" + b.getValue());
        if (now == null) {
          break;
        }
        last.add(now);
      }
      if (last.size() < broadcasts.size()) {
        unavailable++; // a 5xx or no answer: asked again shortly (counted)
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("the API did not answer within " + timeoutMs + " ms");
        }
        Thread.sleep(100);
        continue;
      }
      if (last.stream().allMatch(b -> ENDED.contains(b.getString("status")))) {
        break;
      }
      if (!running && last.stream().allMatch(b -> b.getJsonObject("counts").getValue("recipients") != null)) {
        running = true;
        System.err.println("BROADCASTS_RUNNING"); // recipients fixed: bench/audience.sh may start other traffic
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("the broadcasts did not end within " + timeoutMs + " ms: " + last);
      }
      if (killAt > 0 && kill == null && settled(last) >= killAt * recipients(last) && recipients(last) > 0) {
        kill = kill(db, owner, nodes, broadcasts.keySet().iterator().next(), broadcasts.values().iterator().next(),
          settled(last));
      }
      Thread.sleep(killAt > 0 ? 50 : 200);
    }

    JsonObject result = totals(last).put("double_429", SentCount.limited(web, doubleUrl) - limited0)
      .put("api_unavailable", unavailable);
    Map<Long, Set<Long>> recipients = new java.util.HashMap<>();
    int j = from;
    for (String b : broadcasts.values()) {
      Set<Long> chats = new HashSet<>();
      db.preparedQuery("SELECT chat_id FROM broadcast_recipients WHERE broadcast_id = $1").execute(Tuple.of(UUID.fromString(b)))
        .await().forEach(r -> chats.add(r.getLong(0)));
      recipients.put(fleet.getJsonObject(j++).getLong("telegram_bot_id"), chats);
    }
    SentCount sent = SentCount.read(vertx, doubleUrl, seq0, recipients, kill == null ? 0 : kill.getLong("killed_us") + 500_000);
    long twice = 0;
    long twiceOutside = 0;
    long notFinal = 0;
    JsonArray per = new JsonArray();
    int k = 0;
    for (Map.Entry<String, String> b : broadcasts.entrySet()) {
      UUID id = UUID.fromString(b.getValue());
      JsonObject states = new JsonObject();
      for (Row r : db.preparedQuery("SELECT status, count(*) AS n FROM broadcast_recipients WHERE broadcast_id = $1 GROUP BY 1")
        .execute(Tuple.of(id)).await()) {
        states.put(r.getString("status"), r.getLong("n"));
        if (!List.of("sent", "blocked", "failed", "uncertain", "cancelled").contains(r.getString("status"))) {
          notFinal += r.getLong("n");
        }
      }
      Set<Long> uncertain = new HashSet<>();
      db.preparedQuery("SELECT chat_id FROM broadcast_recipients WHERE broadcast_id = $1 AND status = 'uncertain'")
        .execute(Tuple.of(id)).await().forEach(r -> uncertain.add(r.getLong(0)));
      long tg = fleet.getJsonObject(from + k).getLong("telegram_bot_id");
      Set<Long> dup = sent.twice(tg);
      twice += dup.size();
      twiceOutside += dup.stream().filter(c -> !uncertain.contains(c)).count();
      JsonObject now = last.get(k);
      per.add(new JsonObject().put("status", now.getString("status")).put("recipients", now.getJsonObject("counts")
        .getInteger("recipients")).put("states", states).put("chats_at_double", sent.chats(tg))
        .put("duration_s", seconds(now.getString("started_at"), now.getString("finished_at")))
        .put("holder_at_end", holder(db, UUID.fromString(b.getKey()))));
      k++;
    }
    double span = (sent.lastUs - sent.firstUs) / 1e6;
    result.put("not_final", notFinal).put("final_states_ok", notFinal == 0 && result.getLong("recipients") == result
        .getLong("sent") + result.getLong("blocked") + result.getLong("failed") + result.getLong("uncertain") + result.getLong("cancelled"))
      .put("double", new JsonObject().put("messages", sent.messages).put("sent_twice", twice)
        .put("sent_twice_outside_uncertain", twiceOutside).put("span_s", sent.messages == 0 ? null : span)
        .put("per_s", sent.messages < 2 ? null : Math.round(sent.messages / span * 100) / 100.0))
      .put("broadcasts", per).put("kill", kill);
    if (kill != null) {
      kill.put("resumed_after_ms", sent.firstAfterUs == 0 ? null : (sent.firstAfterUs - kill.getLong("killed_us")) / 1000)
        .put("finished_by_another", per.getJsonObject(0).getString("holder_at_end") != null
          && !per.getJsonObject(0).getString("holder_at_end").equals(kill.getString("node")));
    }
    return result;
  }

  /** Kills the node holding {@code bot}; counts its recipients left sending, once its last statements are in. */
  private static JsonObject kill(Pool db, Owner owner, List<Node> nodes, String bot, String broadcast, long settled)
    throws Exception {
    String holder = holder(db, UUID.fromString(bot));
    Node victim = nodes.stream().filter(n -> n.name().equals(holder)).findFirst()
      .orElseThrow(() -> new IllegalStateException("the bot is held by " + holder + ", none of the nodes given"));
    Instant at = Instant.now();
    ProcessHandle.of(victim.pid()).orElseThrow(() -> new IllegalStateException("node " + victim + " is not running"))
      .destroyForcibly();
    UpdateBench.log("killed " + victim.name() + " (pid " + victim.pid() + ") with " + settled + " recipients settled");
    nodes.stream().filter(n -> n != victim).findFirst().ifPresent(n -> owner.use(n.api()));
    Thread.sleep(300); // what the dead node's connections had sent PostgreSQL is in by then; the lease lasts longer
    long inFlight = db.preparedQuery("SELECT count(*) FROM broadcast_recipients WHERE broadcast_id = $1 AND status = 'sending'")
      .execute(Tuple.of(UUID.fromString(broadcast))).await().iterator().next().getLong(0);
    return new JsonObject().put("node", victim.name()).put("killed_us", at.getEpochSecond() * 1_000_000L + at.getNano() / 1000)
      .put("settled_at_kill", settled).put("in_flight", inFlight);
  }

  private static String holder(Pool db, UUID bot) {
    var rows = db.preparedQuery("SELECT node_id FROM bot_workers WHERE bot_id = $1").execute(Tuple.of(bot)).await();
    return rows.size() == 0 ? null : rows.iterator().next().getString(0);
  }

  private static long recipients(List<JsonObject> broadcasts) {
    return broadcasts.stream().map(b -> b.getJsonObject("counts").getLong("recipients")).mapToLong(n -> n == null ? 0 : n).sum();
  }

  private static long settled(List<JsonObject> broadcasts) {
    return broadcasts.stream().map(b -> b.getJsonObject("counts"))
      .mapToLong(c -> c.getLong("sent") + c.getLong("blocked") + c.getLong("failed") + c.getLong("uncertain")).sum();
  }

  /** The counts summed, and the span from the first start to the last end. */
  private static JsonObject totals(List<JsonObject> broadcasts) {
    JsonObject t = new JsonObject().put("broadcasts", broadcasts.size());
    for (String c : List.of("recipients", "sent", "blocked", "failed", "uncertain", "cancelled")) {
      t.put(c, broadcasts.stream().map(b -> b.getJsonObject("counts").getLong(c)).mapToLong(n -> n == null ? 0 : n).sum());
    }
    String start = broadcasts.stream().map(b -> b.getString("started_at")).min(String::compareTo).orElseThrow();
    String end = broadcasts.stream().map(b -> b.getString("finished_at")).max(String::compareTo).orElseThrow();
    double s = seconds(start, end);
    return t.put("started_at", start).put("finished_at", end).put("duration_s", s)
      .put("sends_per_s", s <= 0 ? null : Math.round(t.getLong("sent") / s * 100) / 100.0);
  }

  private static double seconds(String from, String to) {
    return (Instant.parse(to).toEpochMilli() - Instant.parse(from).toEpochMilli()) / 1000.0;
  }
}

package io.botfactory.deliveries;

import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.NodeProcess;
import io.botfactory.support.Sql;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.botfactory.support.Updates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node delivering a burst of events dies (SIGKILL) in the middle of it: the other webhook
 * node's worker takes the dead one's deliveries once their lease runs out (the attempt deadline
 * and five seconds: 7 s here), and every event written reaches the endpoint, each delivery ending
 * delivered. An event reaches it twice only if the dead worker held its delivery when it died
 * (sent, perhaps answered, never recorded), and it never held more than its limit per endpoint.
 */
@ExtendWith(VertxExtension.class)
class DeliveryCrashTest {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryCrashTest.class);
  private static final int UPDATES = 300;
  private static final int BOTS = 2;
  private static final int PER_ENDPOINT = 8;
  private static final Pattern STARTED = Pattern.compile("Delivery worker started as (deliveries-[0-9a-f-]+)");

  @Test
  void aDeliveringNodeKilledMidBurstLosesNoEvent(Vertx vertx) throws InterruptedException {
    String database = TestDatabase.fresh("deliverycrash");
    JsonObject config = TestStack.config(database).put(ConfigKey.ROLES.key(), "http,auth,storage")
      .put(ConfigKey.ENDPOINTS_ALLOW_HTTP.key(), true);
    TestStack api = TestStack.start(config);
    List<NodeProcess> nodes = new ArrayList<>();
    try (Receiver receiver = new Receiver(vertx); Sql sql = new Sql(vertx, database)) {
      nodes.add(startWebhookNode(config));
      nodes.add(startWebhookNode(config));
      Map<String, NodeProcess> byWorker = new HashMap<>();
      for (NodeProcess node : nodes) {
        node.awaitOutput("BotFactory node started", Duration.ofSeconds(90));
        Matcher m = STARTED.matcher(node.output());
        assertThat(m.find()).as(node.output()).isTrue();
        byWorker.put(m.group(1), node);
      }
      // Answered after a while, so that each worker has deliveries in flight all through the burst.
      receiver.answer("/events", n -> new Receiver.Answer(204, 100));
      Api client = new Api(vertx, api.port);
      Api.Account owner = client.newAccount();
      List<String> bots = new ArrayList<>();
      for (int i = 0; i < BOTS; i++) {
        String bot = client.createBot(owner, "delivered " + i).getString("id");
        client.request(HttpMethod.PUT, "/bots/" + bot + "/commands", owner.token())
          .sendJsonObject(new JsonObject().put("commands", new JsonArray()).put("fallback_reply", "ack")).await();
        HttpResponse<Buffer> endpoint = client.post("/bots/" + bot + "/endpoints", new JsonObject()
          .put("url", receiver.url("/events")).put("events", new JsonArray().add("message.received")), owner.token());
        assertThat(endpoint.statusCode()).as(endpoint.bodyAsString()).isEqualTo(201);
        bots.add(bot);
      }

      // The burst goes on while the test watches the deliveries: the kill comes with updates still arriving.
      Future<List<Integer>> burst = burst(client, bots, 0);

      Row busiest = Eventually.await(() -> busiest(sql), row -> row != null && delivered(sql) >= UPDATES / 4,
        Duration.ofSeconds(60), "a quarter delivered, the rest in flight");
      NodeProcess dying = byWorker.get(busiest.getString("lease_owner"));
      dying.kill();
      long killed = System.currentTimeMillis();
      long deliveredAtDeath = delivered(sql);
      long eventsAtDeath = sql.query("SELECT count(*) FROM events").iterator().next().getLong(0);
      assertThat(burst.await()).as("every update acknowledged").hasSize(UPDATES).containsOnly(200);
      Set<UUID> heldAtDeath = new HashSet<>();
      for (Row row : sql.query("SELECT event_id FROM deliveries WHERE lease_owner = $1 AND status = 'pending'",
        busiest.getString("lease_owner"))) {
        heldAtDeath.add(row.getUUID(0));
      }

      Eventually.await(() -> delivered(sql), n -> n == UPDATES, Duration.ofSeconds(60),
        "every event delivered by the node left");
      LOG.info("Killed with {} of {} events written and {} delivered, holding {}; the rest delivered {} ms later",
        eventsAtDeath, UPDATES, deliveredAtDeath, heldAtDeath.size(), System.currentTimeMillis() - killed);
      Set<UUID> events = new HashSet<>();
      sql.query("SELECT id FROM events").forEach(row -> events.add(row.getUUID(0)));
      assertThat(events).as("an event for each update acknowledged").hasSize(UPDATES);
      Map<String, Long> statuses = new HashMap<>();
      sql.query("SELECT status, count(*) AS n FROM deliveries GROUP BY status")
        .forEach(row -> statuses.put(row.getString("status"), row.getLong("n")));
      assertThat(statuses).as("one delivery per event, each delivered").isEqualTo(Map.of("delivered", (long) UPDATES));

      Map<UUID, Long> received = receiver.at("/events").stream()
        .collect(Collectors.groupingBy(r -> UUID.fromString(r.header("webhook-id")), Collectors.counting()));
      assertThat(received.keySet()).as("every event received, under its id").isEqualTo(events);
      Set<UUID> twice = received.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
        .collect(Collectors.toSet());
      assertThat(received.values()).as("at most twice").allMatch(n -> n <= 2);
      assertThat(heldAtDeath).as("the dead worker held deliveries, at most its limit per endpoint").isNotEmpty()
        .hasSizeLessThanOrEqualTo(PER_ENDPOINT * BOTS);
      assertThat(twice).as("received twice: only what the dead worker held").isSubsetOf(heldAtDeath);
      LOG.info("{} events received twice", twice.size());
    } finally {
      nodes.forEach(NodeProcess::close);
      api.stop();
    }
  }

  /** Posts the updates from {@code from} on, 20 at a time; answers their statuses. */
  private static Future<List<Integer>> burst(Api client, List<String> bots, int from) {
    if (from >= UPDATES) {
      return Future.succeededFuture(new ArrayList<>());
    }
    List<Future<HttpResponse<Buffer>>> batch = new ArrayList<>();
    for (int j = from; j < from + 20; j++) {
      String bot = bots.get(j % BOTS);
      batch.add(client.client.post("/telegram/webhook/" + bot).putHeader("X-Telegram-Bot-Api-Secret-Token",
        Updates.secret(bot)).sendJsonObject(Updates.text(2_000_000_000_000L + j, "event " + j)));
    }
    return Future.all(batch).compose(all -> burst(client, bots, from + 20).map(rest -> {
      batch.forEach(update -> rest.add(update.result().statusCode()));
      return rest;
    }));
  }

  /** The worker holding the most deliveries now, with how many; null when none holds any. */
  private static Row busiest(Sql sql) {
    RowSet<Row> rows = sql.query("SELECT lease_owner, count(*) AS n FROM deliveries WHERE status = 'pending' "
      + "AND lease_owner IS NOT NULL AND lease_until > clock_timestamp() GROUP BY lease_owner ORDER BY n DESC LIMIT 1");
    return rows.size() == 0 ? null : rows.iterator().next();
  }

  private static long delivered(Sql sql) {
    return sql.query("SELECT count(*) FROM deliveries WHERE status = 'delivered'").iterator().next().getLong(0);
  }

  /** A webhook node (engine and delivery worker) as its own process, so that it can be killed. */
  private static NodeProcess startWebhookNode(JsonObject config) {
    Map<String, String> env = new HashMap<>();
    for (String key : config.fieldNames()) {
      env.put(key, String.valueOf(config.getValue(key)));
    }
    env.put(ConfigKey.ROLES.key(), "webhook");
    env.put(ConfigKey.UPDATE_LEASE_S.key(), "3");
    env.put(ConfigKey.REPLY_BOT_PER_SECOND.key(), "1000");
    env.put(ConfigKey.ENDPOINTS_ALLOW_PRIVATE.key(), "true");
    // The lease of a claim is this and five seconds: a dead worker's deliveries are due again 7 s on.
    env.put(ConfigKey.DELIVERY_TIMEOUT_MS.key(), "2000");
    env.put(ConfigKey.DELIVERY_SWEEP_MS.key(), "200");
    env.put(ConfigKey.DELIVERY_PER_ENDPOINT.key(), Integer.toString(PER_ENDPOINT));
    return NodeProcess.start(env, Map.of());
  }
}

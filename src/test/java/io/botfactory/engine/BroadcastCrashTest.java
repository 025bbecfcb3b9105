package io.botfactory.engine;

import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.NodeProcess;
import io.botfactory.support.Sql;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.botfactory.telegram.DoubleCall;
import io.botfactory.telegram.TelegramDouble;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node sending a broadcast dies (SIGKILL) half-way: the other engine node takes the bot up
 * within seconds and finishes the broadcast from where it stopped. Every recipient ends in one
 * final state; none is sent the text twice; a recipient the dead node had marked, whose outcome
 * it never recorded, ends uncertain and is not sent again, and there are no more of those than
 * sends were in flight.
 */
@ExtendWith(VertxExtension.class)
class BroadcastCrashTest {

  private static final int RECIPIENTS = 200;
  private static final Pattern JOINED = Pattern.compile("Update engine joined as (node-[0-9a-f-]+)");

  @Test
  void aBroadcastWhoseNodeDiesIsFinishedByAnotherEachRecipientOnce(Vertx vertx) throws InterruptedException {
    TelegramDouble telegram = TelegramDoubles.shared();
    // A database of its own: the engines' public URL is the API node's, not the shared node's, and on the
    // shared database they would make every bot there due again and take its bots.
    String database = TestDatabase.fresh("crash_broadcast");
    JsonObject config = TestStack.config(database).put(ConfigKey.ROLES.key(), "http,auth,storage");
    TestStack api = TestStack.start(config);
    NodeProcess a = null;
    NodeProcess b = null;
    try (Sql sql = new Sql(vertx, database)) {
      a = startEngine(config);
      b = startEngine(config);
      Api client = new Api(vertx, api.port);
      JsonObject bot = client.createBot(client.newAccount(), "crash broadcast");
      UUID botId = UUID.fromString(bot.getString("id"));
      long telegramId = bot.getLong("telegram_bot_id");
      long base = 3_000_000_000L + (System.nanoTime() % 1_000_000) * 1000;
      sql.query("INSERT INTO subscribers (bot_id, chat_id, status, first_seen_at, last_seen_at, status_changed_at) "
        + "SELECT $1, $2::bigint + g, 'active', now(), now(), now() FROM generate_series(1, $3) g", botId, base, RECIPIENTS);
      UUID id = UUID.randomUUID();
      sql.query("INSERT INTO broadcasts (id, bot_id, text, segment, due_at) VALUES ($1, $2, 'Crash news', '{}', now())",
        id, botId);

      Eventually.await(() -> broadcast(sql, id).getInteger("sent"), sent -> sent >= RECIPIENTS / 2, Duration.ofSeconds(60),
        "half sent");
      String holder = sql.query("SELECT node_id FROM bot_workers WHERE bot_id = $1", botId).iterator().next()
        .getString("node_id");
      NodeProcess dying = holder.equals(name(a)) ? a : b;
      dying.kill();
      Instant killed = Instant.now();

      Row done = Eventually.await(() -> broadcast(sql, id), r -> "done".equals(r.getString("status")),
        Duration.ofSeconds(90), "the broadcast finished by the other node");
      assertThat(done.getInteger("recipients")).isEqualTo(RECIPIENTS);
      assertThat(done.getInteger("pending")).isZero();
      assertThat(done.getInteger("sent") + done.getInteger("uncertain")).isEqualTo(RECIPIENTS);
      assertThat(done.getInteger("uncertain")).as("no more uncertain than sends in flight").isLessThanOrEqualTo(5);

      Map<Long, Integer> texts = new HashMap<>();
      List<DoubleCall> sends = telegram.calls(telegramId, "sendMessage").stream()
        .filter(c -> "Crash news".equals(c.body().getString("text"))).collect(Collectors.toList());
      sends.forEach(c -> texts.merge(c.body().getLong("chat_id"), 1, Integer::sum));
      assertThat(texts.values()).as("each recipient sent the text at most once").allMatch(n -> n == 1);
      for (Row r : sql.query("SELECT chat_id, status FROM broadcast_recipients WHERE broadcast_id = $1", id)) {
        if ("sent".equals(r.getString("status"))) {
          assertThat(texts.get(r.getLong("chat_id"))).as("sent to " + r.getLong("chat_id")).isEqualTo(1);
        }
      }
      Instant resumed = sends.stream().map(DoubleCall::receivedAt).filter(at -> at.isAfter(killed)).min(Instant::compareTo)
        .orElseThrow();
      assertThat(Duration.between(killed, resumed)).as("the other node goes on within five seconds")
        .isLessThan(Duration.ofSeconds(5));
    } finally {
      for (NodeProcess node : new NodeProcess[]{a, b}) {
        if (node != null) {
          node.close();
        }
      }
      api.stop();
    }
  }

  private static Row broadcast(Sql sql, UUID id) {
    return sql.query("SELECT * FROM broadcasts WHERE id = $1", id).iterator().next();
  }

  /** The name the engine node holds bots under, as it logged it. */
  private static String name(NodeProcess node) {
    Matcher m = JOINED.matcher(node.output());
    return m.find() ? m.group(1) : "";
  }

  /** An engine node (role webhook) as its own process, so it can be killed. */
  private static NodeProcess startEngine(JsonObject config) throws InterruptedException {
    Map<String, String> env = new HashMap<>();
    for (String key : config.fieldNames()) {
      env.put(key, String.valueOf(config.getValue(key)));
    }
    env.put(ConfigKey.ROLES.key(), "webhook");
    env.put(ConfigKey.UPDATE_LEASE_S.key(), "3");
    NodeProcess node = NodeProcess.start(env, Map.of());
    node.awaitOutput("Update engine joined as", Duration.ofSeconds(60));
    return node;
  }
}

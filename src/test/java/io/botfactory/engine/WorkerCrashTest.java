package io.botfactory.engine;

import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.NodeProcess;
import io.botfactory.support.Sql;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.botfactory.support.Updates;
import io.botfactory.telegram.TelegramDouble;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node handling updates dies (SIGKILL) while a thousand updates stream in: every update
 * acknowledged to Telegram is handled, exactly once as far as the database can tell, after the
 * node's restart; a reply is sent twice only for an update whose reply Telegram had taken when
 * the node died, before its outcome was committed (see docs/telegram.md).
 */
@ExtendWith(VertxExtension.class)
class WorkerCrashTest {

  private static final int UPDATES = 1000;
  private static final int BOTS = 4;

  @Test
  void aWorkerKilledMidStreamLosesNoAcknowledgedUpdate(Vertx vertx) throws InterruptedException {
    TelegramDouble telegram = TelegramDoubles.shared();
    // A database of its own: the workers' public URL is the API node's, not the shared node's, and on the
    // shared database they would make every bot there due again and take its bots.
    String database = TestDatabase.fresh("crash");
    JsonObject config = TestStack.config(database).put(ConfigKey.ROLES.key(), "http,auth,storage");
    TestStack api = TestStack.start(config);
    NodeProcess worker = null;
    try {
      Api client = new Api(vertx, api.port);
      Api.Account owner = client.newAccount();
      worker = startWorker(config);
      List<JsonObject> bots = new ArrayList<>();
      for (int i = 0; i < BOTS; i++) {
        JsonObject bot = client.createBot(owner, "crash " + i);
        client.request(HttpMethod.PUT, "/bots/" + bot.getString("id") + "/commands", owner.token())
          .sendJsonObject(new JsonObject().put("commands", new JsonArray()).put("fallback_reply", "ack")).await();
        bots.add(bot);
      }
      Map<Long, Long> chatOf = new HashMap<>();
      int killAt = UPDATES / 3;
      for (int i = 0; i < UPDATES; i += 20) {
        List<Future<HttpResponse<Buffer>>> batch = new ArrayList<>();
        for (int j = i; j < i + 20; j++) {
          JsonObject bot = bots.get(j % BOTS);
          long chat = 1_000_000_000_000L + j; // one chat per update: nothing waits for the pace of a chat
          JsonObject update = Updates.text(chat, "message " + j);
          chatOf.put(update.getLong("update_id"), chat);
          batch.add(client.client.post("/telegram/webhook/" + bot.getString("id"))
            .putHeader("X-Telegram-Bot-Api-Secret-Token", Updates.secret(bot.getString("id"))).sendJsonObject(update));
        }
        for (Future<HttpResponse<Buffer>> delivery : batch) {
          assertThat(delivery.await().statusCode()).as("acknowledged").isEqualTo(200);
        }
        if (i == killAt - killAt % 20) {
          worker.kill();
        }
      }
      worker = startWorker(config);

      try (Sql sql = new Sql(vertx, database)) {
        UUID[] ids = bots.stream().map(b -> UUID.fromString(b.getString("id"))).toArray(UUID[]::new);
        Eventually.await(() -> sql.query("SELECT count(*) AS n FROM updates WHERE bot_id = ANY($1) AND handled_at IS NOT NULL",
            (Object) ids).iterator().next().getLong("n"), n -> n == UPDATES, Duration.ofSeconds(90),
          "every acknowledged update handled");
        List<Long> notSent = new ArrayList<>();
        for (Row row : sql.query("SELECT update_id, reply FROM updates WHERE bot_id = ANY($1)", (Object) ids)) {
          if (!"sent".equals(row.getString("reply"))) {
            notSent.add(row.getLong("update_id"));
          }
        }
        assertThat(notSent).as("each update's reply recorded as sent").isEmpty();
      }
      long replies = 0;
      int duplicates = 0;
      for (JsonObject bot : bots) {
        for (long chat : chatOf.values()) {
          int sent = telegram.sent(bot.getLong("telegram_bot_id"), chat).size();
          replies += Math.min(sent, 1);
          duplicates += Math.max(0, sent - 1);
        }
      }
      assertThat(replies).as("a reply for every update").isEqualTo(UPDATES);
      assertThat(duplicates).as("sent twice: only what was in flight when the node died").isLessThanOrEqualTo(BOTS * 100);
    } finally {
      if (worker != null) {
        worker.close();
      }
      api.stop();
    }
  }

  /** A webhook worker as its own process (so it can be killed), holding bots for 3 s without renewal. */
  private static NodeProcess startWorker(JsonObject config) throws InterruptedException {
    Map<String, String> env = new HashMap<>();
    for (String key : config.fieldNames()) {
      env.put(key, String.valueOf(config.getValue(key)));
    }
    env.put(ConfigKey.ROLES.key(), "webhook");
    env.put(ConfigKey.UPDATE_LEASE_S.key(), "3");
    env.put(ConfigKey.REPLY_BOT_PER_SECOND.key(), "1000");
    NodeProcess node = NodeProcess.start(env, Map.of());
    node.awaitOutput("BotFactory node started", Duration.ofSeconds(60));
    return node;
  }
}

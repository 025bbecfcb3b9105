package io.botfactory.webhook;

import io.botfactory.app.Application;
import io.botfactory.app.NodeVertx;
import io.botfactory.config.AppConfig;
import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.Sql;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.botfactory.telegram.DoubleCall;
import io.botfactory.telegram.TelegramDouble;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook workers as separate nodes (their own Vert.x, the webhook role alone) beside a node
 * that serves the API: work survives lost events and restarts, and any number of workers share
 * it without ever working on one bot at the same time.
 */
@ExtendWith(VertxExtension.class)
class WebhookWorkersTest {

  private static final Duration WITHIN = Duration.ofSeconds(30);

  private final TelegramDouble telegram = TelegramDoubles.shared();
  private final List<Worker> workers = new ArrayList<>();
  private TestStack api;
  private String database;
  private JsonObject config;
  private Api client;
  private Api.Account owner;

  /** A node running the API and the services, but no webhook worker. */
  @BeforeEach
  void setUp(Vertx vertx) {
    // A database of its own: the shared node's webhook worker would otherwise take this test's work, and these
    // workers, with the public URL of this API node, would make every bot of the shared database due again.
    database = TestDatabase.fresh("workers");
    config = TestStack.config(database).put(ConfigKey.ROLES.key(), "http,auth,storage");
    api = TestStack.start(config);
    client = new Api(vertx, api.port);
    owner = client.newAccount();
  }

  @AfterEach
  void tearDown() {
    for (Worker worker : workers) {
      worker.stop();
    }
    api.stop();
  }

  @Test
  void workDoneByNoOneWhileNoWorkerRanIsFoundByTheSweep() {
    long telegramId = Api.telegramId();
    String id = create(telegramId);
    assertThat(telegram.calls(telegramId, "setWebhook")).as("no worker yet").isEmpty();
    startWorker();
    client.awaitWebhook(owner, id, "active");
    assertThat(telegram.calls(telegramId, "setWebhook")).hasSize(1);
  }

  @Test
  void aDeletedBotsWebhookIsRemovedWithItsLastTokenEvenAfterARestart(Vertx vertx) {
    long telegramId = Api.telegramId();
    String token = Api.telegramToken(telegramId);
    String id = client.post("/bots", new JsonObject().put("name", "short-lived").put("token", token), owner.token())
      .bodyAsJsonObject().getString("id");
    Worker first = startWorker();
    client.awaitWebhook(owner, id, "active");

    telegram.down().await();
    try {
      assertThat(client.delete("/bots/" + id, owner.token()).statusCode()).isEqualTo(204);
      sleep(1000); // the worker tries, and fails: Telegram is down
      first.stop();
      workers.remove(first);
    } finally {
      telegram.up().await();
    }
    int before = telegram.calls(telegramId, "deleteWebhook").size();
    startWorker();
    List<DoubleCall> removals = telegram.awaitCalls(telegramId, "deleteWebhook", before + 1, WITHIN);
    assertThat(removals.get(removals.size() - 1).token()).isEqualTo(token);
    // A call is recorded as it arrives, before the double has done it.
    Eventually.await(() -> telegram.webhook(telegramId).url(), String::isEmpty, WITHIN, "the webhook removed");
    try (Sql sql = new Sql(vertx, database)) {
      Eventually.await(() -> sql.query("SELECT 1 FROM webhooks WHERE telegram_bot_id = $1", telegramId).size(),
        n -> n == 0, WITHIN, "the last token erased");
    }
  }

  @Test
  void twoWorkersAnd200BotsEveryBotGetsExactlyOneWebhookAndNoCallsOverlap() {
    startWorker();
    startWorker();
    List<Long> telegramIds = new ArrayList<>();
    for (int batch = 0; batch < 10; batch++) {
      List<Future<HttpResponse<Buffer>>> creations = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        long telegramId = Api.telegramId();
        telegramIds.add(telegramId);
        creations.add(client.request(io.vertx.core.http.HttpMethod.POST, "/bots", owner.token())
          .sendJsonObject(new JsonObject().put("name", "bot " + telegramId).put("token", Api.telegramToken(telegramId))));
      }
      for (Future<HttpResponse<Buffer>> created : creations) {
        assertThat(created.await().statusCode()).as(created.result().bodyAsString()).isEqualTo(201);
      }
    }
    try {
      Eventually.await(() -> telegramIds.stream().filter(t -> succeeded(t, "setWebhook") == 1).count(), n -> n == 200,
        WITHIN, "every bot's webhook set");
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; for example: " + telegramIds.stream()
        .filter(t -> succeeded(t, "setWebhook") != 1).limit(5)
        .map(t -> telegram.calls().stream().filter(c -> c.botId() == t).map(c -> c.method() + ":" + c.status())
          .collect(Collectors.toList()).toString()).collect(Collectors.joining("; ")), e);
    }
    sleep(1000);
    for (long telegramId : telegramIds) {
      assertThat(succeeded(telegramId, "setWebhook")).as("bot " + telegramId).isEqualTo(1);
      List<DoubleCall> calls = telegram.calls().stream().filter(c -> c.botId() == telegramId)
        .sorted(Comparator.comparing(DoubleCall::receivedAt)).collect(Collectors.toList());
      for (int i = 1; i < calls.size(); i++) {
        assertThat(calls.get(i).receivedAt()).as("calls for bot " + telegramId + " never overlap")
          .isAfterOrEqualTo(calls.get(i - 1).answeredAt());
      }
    }
  }

  private long succeeded(long telegramId, String method) {
    return telegram.calls(telegramId, method).stream().filter(c -> c.status() == 200).count();
  }

  private String create(long telegramId) {
    var created = client.post("/bots", new JsonObject().put("name", "bot " + telegramId)
      .put("token", Api.telegramToken(telegramId)), owner.token());
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("id");
  }

  private Worker startWorker() {
    AppConfig workerConfig = AppConfig.from(config.copy().put(ConfigKey.ROLES.key(), "webhook"));
    String registry = "worker-" + java.util.UUID.randomUUID();
    Vertx vertx = NodeVertx.create(workerConfig, registry).await();
    Worker worker = new Worker(vertx, Application.start(vertx, workerConfig, registry).await());
    workers.add(worker);
    return worker;
  }

  private record Worker(Vertx vertx, Application app) {
    void stop() {
      app.stop().compose(v -> vertx.close()).await();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

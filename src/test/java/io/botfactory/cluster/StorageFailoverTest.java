package io.botfactory.cluster;

import io.botfactory.config.BusSettings;
import io.botfactory.support.Api;
import io.botfactory.support.NodeProcess;
import io.botfactory.support.Sql;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Storage nodes dying (SIGKILL: no chance to leave the cluster) under an HTTP node that keeps
 * running: with no storage left it answers 503 fast and recovers by itself when storage comes
 * back; with a second storage node, that one takes over.
 */
@ExtendWith(VertxExtension.class)
class StorageFailoverTest {

  /** How soon after a storage node's death the others stop sending it requests (Hazelcast's detection). */
  private static final long DETECTION_MS = 2000;

  private TestCluster cluster;

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  @Test
  void withTheOnlyStorageNodeDeadHttpAnswers503FastThenRecoversByItself(Vertx vertx) throws InterruptedException {
    cluster = new TestCluster(2);
    int httpPort = TestStack.freePort();
    NodeProcess http = cluster.start(0, "http", httpPort);
    NodeProcess storage = cluster.start(1, "auth,storage", TestStack.freePort());
    Api api = TestCluster.readyApi(vertx, http, httpPort);
    Api.Account owner = api.newAccount();
    JsonObject bot = api.createBot(owner, "survives its storage node");

    storage.kill();
    List<String> probes = new ArrayList<>();
    long end = System.currentTimeMillis() + 5000;
    while (System.currentTimeMillis() < end) {
      long started = System.nanoTime();
      HttpResponse<Buffer> response = api.get("/bots/me", owner.token());
      long tookMs = (System.nanoTime() - started) / 1_000_000;
      probes.add(response.statusCode() + " in " + tookMs + " ms");
      assertThat(response.statusCode()).as("%s", probes).isEqualTo(503);
      assertThat(response.bodyAsJsonObject().getString("detail")).isEqualTo("Service temporarily unavailable");
      assertThat(tookMs).as("%s", probes).isLessThan(2000);
    }
    assertThat(probes).hasSizeGreaterThan(3);
    HttpResponse<Buffer> ready = api.get("/health/ready", null);
    assertThat(ready.statusCode()).as("the HTTP node reports not ready").isEqualTo(503);
    assertThat(ready.bodyAsJsonObject().getJsonArray("checks").stream().map(c -> (JsonObject) c)
      .filter(c -> "DOWN".equals(c.getString("status"))).map(c -> c.getString("id")))
      .containsExactlyInAnyOrder("auth-service", "storage-service", "inbox-service", "audience-service",
        "integration-service");

    cluster.start(1, "auth,storage", TestStack.freePort()).awaitOutput(TestCluster.STARTED, TestCluster.START);
    long deadline = System.currentTimeMillis() + 30_000;
    int status = 0;
    while (System.currentTimeMillis() < deadline && status != 200) {
      status = api.get("/bots/me", owner.token()).statusCode();
      Thread.sleep(100);
    }
    assertThat(status).as("the HTTP node recovers without a restart").isEqualTo(200);
    TestCluster.awaitReady(api, TestCluster.START);
    assertThat(api.get("/bots/me", owner.token()).bodyAsJsonArray()).containsExactly(bot);
    api.createBot(owner, "after the restart");
    assertThat(http.isAlive()).isTrue();
  }

  @Test
  void aSecondStorageNodeTakesOverWhenOneDies(Vertx vertx) throws InterruptedException {
    cluster = new TestCluster(3);
    int httpPort = TestStack.freePort();
    NodeProcess http = cluster.start(0, "http", httpPort);
    NodeProcess first = cluster.start(1, "auth,storage", TestStack.freePort());
    NodeProcess second = cluster.start(2, "auth,storage", TestStack.freePort());
    http.awaitLive(httpPort, TestCluster.START);
    first.awaitOutput(TestCluster.STARTED, TestCluster.START);
    second.awaitOutput(TestCluster.STARTED, TestCluster.START);
    Api api = new Api(vertx, httpPort);
    TestCluster.awaitReady(api, TestCluster.START);
    Api.Account owner = api.newAccount();

    CreateStream stream = new CreateStream(api, owner, 4);
    stream.awaitCreated(8);
    long killedAt = stream.now();
    first.kill();
    // Until a request sent well after the cluster noticed has been answered.
    stream.await(all -> all.stream().anyMatch(o -> o.startedMs() > killedAt + DETECTION_MS + 1000),
      "a request sent a second after the death was noticed");
    List<Outcome> outcomes = stream.stop();

    List<Outcome> failed = outcomes.stream().filter(o -> o.status() != 201).toList();
    String seen = "killed at " + killedAt + " ms; not created: " + failed;
    // Requests that reached the dead node, or were sent to it before the cluster noticed, get a
    // 503 at their bus timeout (a create's includes the 3 s it may wait for Telegram's getMe);
    // nothing else fails, and nothing takes longer.
    assertThat(failed).as(seen).allSatisfy(o -> {
      assertThat(o.status()).isEqualTo(503);
      assertThat(o.startedMs()).isLessThan(killedAt + DETECTION_MS);
    });
    long createTimeout = 1500 + BusSettings.TELEGRAM_WAIT_MS;
    assertThat(outcomes).as(seen).allSatisfy(o -> assertThat(o.tookMs()).isLessThan(createTimeout + 500));
    assertThat(outcomes).as(seen).anySatisfy(o -> assertThat(o.startedMs()).isGreaterThan(killedAt + DETECTION_MS + 1000));
    assertAllStored(vertx, outcomes);
    assertThat(second.isAlive()).isTrue();
  }

  static void assertAllStored(Vertx vertx, List<Outcome> outcomes) {
    UUID[] ids = outcomes.stream().filter(o -> o.status() == 201).map(o -> UUID.fromString(o.botId())).toArray(UUID[]::new);
    assertThat(ids).isNotEmpty();
    try (Sql sql = new Sql(vertx)) {
      long stored = sql.query("SELECT count(*) FROM bots WHERE id = ANY($1)", (Object) ids).iterator().next().getLong(0);
      assertThat(stored).as("acknowledged bots in the database").isEqualTo(ids.length);
    }
  }
}

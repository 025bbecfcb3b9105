package io.botfactory.cluster;

import io.botfactory.config.ConfigKey;

import io.botfactory.config.AppConfig;
import io.botfactory.app.Application;
import io.botfactory.bus.Addresses;
import io.botfactory.bus.RegisterRequest;
import io.botfactory.support.Api;
import io.botfactory.support.NodeProcess;
import io.botfactory.support.Sql;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SIGTERM as a container runtime sends it: the node stops taking requests, finishes those in
 * flight, closes its pools and leaves the cluster; no acknowledged bot is ever lost. Requests
 * are held in flight on purpose by a lock on the bots table, released after the signal.
 */
@ExtendWith(VertxExtension.class)
class GracefulStopTest {

  private static final Duration STOP = Duration.ofSeconds(30);
  /** Java's exit status after SIGTERM once the shutdown hook has run. */
  private static final int SIGTERM_EXIT = 143;

  private TestCluster cluster;

  @AfterEach
  void tearDown() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aStoppingStorageServiceAnswersTheRequestsItHasBeforeClosingItsPool(Vertx vertx) throws InterruptedException {
    Api.Account owner = new Api(vertx, TestStack.shared().port).newAccount();
    JsonObject config = TestStack.config(TestDatabase.url()).put(ConfigKey.ROLES.key(), "storage");
    Vertx node = Vertx.vertx();
    Application storage = Application.start(node, AppConfig.from(config), "unused").await();
    try {
      Future<Message<JsonObject>> inFlight;
      Future<Void> stopped;
      try (BotsTableLock lock = new BotsTableLock(vertx)) {
        inFlight = node.eventBus().request(Addresses.BOTS_CREATE.name(), new JsonObject().put("client_id", owner.id())
          .put("name", "in flight").put("token", Api.telegramToken(Api.telegramId())), new DeliveryOptions().setSendTimeout(10_000));
        lock.awaitWaiting(1);
        stopped = storage.stop();
        Thread.sleep(300);
        assertThat(stopped.isComplete()).as("stop waits for the request in flight").isFalse();
        assertThat(node.eventBus().request(Addresses.BOTS_LIST.name(), new JsonObject()).otherwise(e -> null).await())
          .as("no new request is taken").isNull();
      }
      String id = inFlight.await().body().getString("id");
      stopped.await();
      try (Sql sql = new Sql(vertx)) {
        assertThat(sql.query("SELECT id FROM bots WHERE id = $1", UUID.fromString(id)).size()).isEqualTo(1);
      }
      assertThatThrownBy(() -> node.eventBus().request(Addresses.BOTS_LIST.name(), new JsonObject()).await())
        .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureType()).isEqualTo(ReplyFailure.NO_HANDLERS));
    } finally {
      node.close().await();
    }
  }

  /**
   * Sign-ups wait for Argon2, and their callers wait up to the hash timeout, longer than the bus
   * timeout: a stopping auth service must wait as long before it closes its hasher and pool.
   */
  @Test
  void aStoppingAuthServiceAnswersEverySignUpItHasReceived() {
    JsonObject config = TestStack.committedArgon2(TestStack.config(TestDatabase.url())).put(ConfigKey.ROLES.key(), "auth")
      // Slowness on a loaded machine is not what this probes: only the stop may fail a sign-up.
      .put(ConfigKey.HASH_TIMEOUT_MS.key(), 60_000).put(ConfigKey.DB_CONNECT_TIMEOUT_MS.key(), 10_000);
    Vertx node = Vertx.vertx();
    Application auth = Application.start(node, AppConfig.from(config), "unused").await();
    try {
      List<Future<Message<JsonObject>>> signUps = new java.util.ArrayList<>();
      for (int i = 0; i < 16; i++) {
        signUps.add(node.eventBus().request(Addresses.AUTH_REGISTER.name(), new RegisterRequest("drain-" + UUID.randomUUID()
          + "@example.com", "correct horse battery", null, "127.0.0.1").toJson(), new DeliveryOptions().setSendTimeout(60_000)));
      }
      Thread.sleep(250);
      auth.stop().await();
      List<String> ids = signUps.stream().map(f -> f.await().body().getString("id")).toList();
      try (Sql sql = new Sql(node)) {
        assertThat(sql.query("SELECT count(*) FROM clients WHERE id = ANY($1)",
          (Object) ids.stream().map(UUID::fromString).toArray(UUID[]::new)).iterator().next().getLong(0)).isEqualTo(16);
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    } finally {
      node.close().await();
    }
  }

  @Test
  void sigtermOnTheStorageNodeMidStreamLosesNoAcknowledgedBot(Vertx vertx) throws InterruptedException {
    cluster = new TestCluster(2);
    int httpPort = TestStack.freePort();
    NodeProcess http = cluster.start(0, "http", httpPort);
    NodeProcess storage = cluster.start(1, "auth,storage", TestStack.freePort());
    Api api = TestCluster.readyApi(vertx, http, httpPort);
    CreateStream stream = new CreateStream(api, api.newAccount(), 4);

    stream.awaitCreated(4);
    long signalledAt;
    try (BotsTableLock lock = new BotsTableLock(vertx)) {
      lock.awaitWaiting(4);
      signalledAt = stream.now();
      storage.signalTerm();
      Thread.sleep(300);
    }
    assertThat(storage.exitCode(STOP)).as(storage.output()).isEqualTo(SIGTERM_EXIT);
    long exitedAt = stream.now();
    Thread.sleep(500);
    List<Outcome> outcomes = stream.stop();

    String seen = "SIGTERM at " + signalledAt + " ms, exited by " + exitedAt + " ms; not created: "
      + outcomes.stream().filter(o -> o.status() != 201).toList();
    assertThat(outcomes).as(seen).allSatisfy(o -> assertThat(o.status()).isIn(201, 503));
    assertThat(outcomes).as("requests held in flight at the signal are answered 201")
      .filteredOn(o -> o.startedMs() < signalledAt && o.endedMs() > signalledAt && o.status() == 201)
      .hasSizeGreaterThanOrEqualTo(4);
    // It left the cluster cleanly: its handlers are gone at once, so the HTTP node answers
    // 503 without waiting for the bus timeout.
    assertThat(outcomes).as(seen).filteredOn(o -> o.startedMs() > exitedAt).isNotEmpty()
      .allSatisfy(o -> assertThat(o.tookMs()).isLessThan(500));
    assertThat(storage.output()).contains("Stopped; left the cluster");
    StorageFailoverTest.assertAllStored(vertx, outcomes);
  }

  @Test
  void sigtermOnTheHttpNodeFinishesTheRequestsInFlight(Vertx vertx) throws InterruptedException {
    cluster = new TestCluster(2);
    int httpPort = TestStack.freePort();
    NodeProcess http = cluster.start(0, "http", httpPort);
    cluster.start(1, "auth,storage", TestStack.freePort());
    Api api = TestCluster.readyApi(vertx, http, httpPort);
    CreateStream stream = new CreateStream(api, api.newAccount(), 4);

    stream.awaitCreated(4);
    long signalledAt;
    try (BotsTableLock lock = new BotsTableLock(vertx)) {
      lock.awaitWaiting(4);
      signalledAt = stream.now();
      http.signalTerm();
      Thread.sleep(300);
      assertThat(http.isAlive()).as("the node waits for its requests in flight").isTrue();
    }
    assertThat(http.exitCode(STOP)).as(http.output()).isEqualTo(SIGTERM_EXIT);
    List<Outcome> outcomes = stream.stop();

    String seen = "SIGTERM at " + signalledAt + " ms; not created: " + outcomes.stream().filter(o -> o.status() != 201).toList();
    // Requests either completed, or found no server to talk to: none got an error answer.
    assertThat(outcomes).as(seen).allSatisfy(o -> assertThat(o.status()).isIn(201, 0));
    assertThat(outcomes).as("requests held in flight at the signal are answered 201")
      .filteredOn(o -> o.startedMs() < signalledAt && o.endedMs() > signalledAt && o.status() == 201)
      .hasSizeGreaterThanOrEqualTo(4);
    assertThat(http.output()).contains("Stopped; left the cluster");
    StorageFailoverTest.assertAllStored(vertx, outcomes);
  }
}

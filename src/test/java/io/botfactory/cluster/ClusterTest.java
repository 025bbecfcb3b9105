package io.botfactory.cluster;

import io.botfactory.config.ConfigKey;

import io.botfactory.config.AppConfig;
import io.botfactory.app.Application;
import io.botfactory.app.NodeVertx;
import io.botfactory.bus.Addresses;
import io.botfactory.support.Api;
import io.botfactory.support.Jwts;
import io.botfactory.support.NodeProcess;
import io.botfactory.support.Sql;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Three processes and this JVM on one clustered event bus: HTTP nodes A and A2 (role
 * {@code http}, whose DATABASE_URL is a socket that counts connections), node B (roles
 * {@code auth,storage}) and node C, this JVM, listening on {@code bots.events}.
 */
@ExtendWith(VertxExtension.class)
class ClusterTest {

  private static final TestCluster cluster = new TestCluster(4);
  private static final CountingSocket fakeDatabase = new CountingSocket();
  private static final List<JsonObject> heardOnC = new CopyOnWriteArrayList<>();
  private static final int portA = TestStack.freePort();
  private static final int portA2 = TestStack.freePort();
  /** Node B is given an HTTP port too; without the http role it must not open it. */
  private static final int portB = TestStack.freePort();

  private static NodeProcess nodeA;
  private static NodeProcess nodeB;
  private static Vertx nodeC;
  private static Application appC;

  @BeforeAll
  static void startCluster() throws InterruptedException {
    var envA = cluster.env(0, "http", portA);
    envA.put(ConfigKey.DATABASE_URL.key(), fakeDatabase.databaseUrl());
    var envA2 = cluster.env(1, "http", portA2);
    envA2.put(ConfigKey.DATABASE_URL.key(), fakeDatabase.databaseUrl());
    nodeA = cluster.start(envA);
    NodeProcess nodeA2 = cluster.start(envA2);
    nodeB = cluster.start(2, "auth,storage", portB);
    nodeA.awaitLive(portA, TestCluster.START);
    nodeA2.awaitLive(portA2, TestCluster.START);
    nodeB.awaitOutput(TestCluster.STARTED, TestCluster.START);

    // Joins last, as a worker added to a running cluster does.
    JsonObject configC = cluster.inProcessConfig(3, "webhook");
    nodeC = NodeVertx.create(AppConfig.from(configC), "botfactory-node-c").await();
    appC = Application.start(nodeC, AppConfig.from(configC), "botfactory-node-c").await();
    nodeC.eventBus().<JsonObject>consumer(Addresses.BOTS_EVENTS, m -> heardOnC.add(m.body())).completion().await();
  }

  @AfterAll
  static void stopCluster() {
    try {
      if (appC != null) {
        appC.stop().compose(v -> nodeC.close()).await();
      }
    } finally {
      cluster.close();
      fakeDatabase.close();
    }
  }

  @Test
  void aBotCreatedThroughNodeAIsStoredByNodeBAndHeardOnNodeC(Vertx vertx) throws InterruptedException {
    Api a = new Api(vertx, portA);
    TestCluster.awaitReady(a, TestCluster.START);
    Api.Account owner = a.newAccount();

    var created = a.post("/bots", new JsonObject().put("name", "clustered").put("token", Api.telegramToken(Api.telegramId())),
      owner.token());
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    // The event carries the bot as the create answered it (its webhook still pending).
    JsonObject bot = created.bodyAsJsonObject();

    try (Sql sql = new Sql(vertx)) {
      var rows = sql.query("SELECT client_id, name FROM bots WHERE id = $1", UUID.fromString(bot.getString("id")));
      assertThat(rows.size()).isEqualTo(1);
      assertThat(rows.iterator().next().getUUID("client_id").toString()).isEqualTo(owner.id());
    }
    JsonObject event = awaitEventFor(bot.getString("id"));
    assertThat(event.getString("type")).isEqualTo("bot.created");
    assertThat(event.getJsonObject("bot")).isEqualTo(bot);
  }

  @Test
  void aTokenIssuedThroughOneHttpNodeIsAcceptedByTheOther(Vertx vertx) throws InterruptedException {
    Api a = new Api(vertx, portA);
    Api a2 = new Api(vertx, portA2);
    TestCluster.awaitReady(a, TestCluster.START);
    TestCluster.awaitReady(a2, TestCluster.START);
    Api.Account owner = a.newAccount();

    var me = a2.get("/clients/me", owner.token());
    assertThat(me.statusCode()).as(me.bodyAsString()).isEqualTo(200);
    assertThat(me.bodyAsJsonObject().getString("id")).isEqualTo(owner.id());
    JsonObject bot = a2.createBot(owner, "made on A2");
    assertThat(a.get("/bots/" + bot.getString("id"), owner.token()).bodyAsJsonObject()).isEqualTo(bot);

    // The control: the same claims signed with another secret are refused by the same node.
    String forged = Jwts.sign("HS256", Jwts.claims(owner.id()), "another-secret-0123456789abcdef0123456789");
    assertThat(a2.get("/clients/me", forged).statusCode()).isEqualTo(401);
  }

  @Test
  void aNodeOpensOnlyWhatItsRolesNeed(Vertx vertx) throws InterruptedException {
    Api a = new Api(vertx, portA);
    TestCluster.awaitReady(a, TestCluster.START);
    a.createBot(a.newAccount(), "roles");

    // The HTTP nodes served sign-ups, logins and bots, yet never connected to their DATABASE_URL.
    assertThat(fakeDatabase.accepted()).isZero();
    assertThat(nodeA.output()).doesNotContain("Database schema").contains("HTTP API listening");
    // Node B ran the migrations and serves the bus, but has no HTTP port although one is configured.
    assertThat(nodeB.output()).contains("Database schema").doesNotContain("HTTP API listening");
    assertThatThrownBy(() -> connect("127.0.0.1", portB)).isInstanceOf(IOException.class);
  }

  /** Hazelcast and the event bus listen on the cluster host only (127.0.0.1 here), not on every interface. */
  @Test
  void theClusterPortsListenOnTheClusterHostOnly() throws IOException {
    for (int port : new int[]{cluster.clusterPort(2), cluster.eventBusPort(2)}) {
      connect("127.0.0.1", port);
      // Every 127.x address reaches this machine: a socket bound to all interfaces would answer there too.
      assertThatThrownBy(() -> connect("127.0.0.2", port)).as("port " + port + " on 127.0.0.2").isInstanceOf(IOException.class);
    }
  }

  private static void connect(String host, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 1000);
    }
  }

  private static JsonObject awaitEventFor(String botId) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5000;
    while (System.currentTimeMillis() < deadline) {
      for (JsonObject event : heardOnC) {
        if (botId.equals(event.getJsonObject("bot").getString("id"))) {
          return event;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("node C heard no event for bot " + botId + "; heard " + heardOnC);
  }
}

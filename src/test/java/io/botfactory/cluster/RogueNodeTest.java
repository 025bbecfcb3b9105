package io.botfactory.cluster;

import io.botfactory.app.NodeVertx;
import io.botfactory.bus.Addresses;
import io.botfactory.config.AppConfig;
import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.ClusterCertificates;
import io.botfactory.support.NodeProcess;
import io.botfactory.support.TestStack;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Strangers on the cluster: real processes ({@link RogueNode}) that join Hazelcast as any
 * process that reaches its port can, but without the cluster's certificate: one with no TLS at
 * all, one with a certificate of a CA of its own (trusting the cluster's CA too, which is no
 * secret). They listen on the addresses that carry passwords and tokens and ask them, while
 * the legitimate nodes log in and fetch bot tokens. They must receive nothing and get no answer.
 * The control runs the same stranger against a cluster with TLS turned off: it reads every login.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES) // four or five JVMs start one after another
class RogueNodeTest {

  private static final Pattern MEMBERS = Pattern.compile("ROGUE JOINED members=(\\d+)");
  /** At most how long the legitimate nodes work beside the strangers. */
  private static final long TRAFFIC_MS = 60_000;

  private TestCluster cluster;
  private Vertx worker;
  @TempDir
  Path dir;
  private Path stopFile;

  @BeforeEach
  void stopFile() {
    stopFile = dir.resolve("stop");
  }

  /** Ends the strangers' run and waits until each has said what it saw. */
  private void stopRogues(NodeProcess... rogues) throws IOException, InterruptedException {
    Files.createFile(stopFile);
    for (NodeProcess rogue : rogues) {
      rogue.awaitOutput("ROGUE DONE", TestCluster.START);
    }
  }

  @AfterEach
  void tearDown() {
    try {
      if (worker != null) {
        worker.close().await();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  @Test
  void aNodeWithoutTheClustersCertificateNeitherReceivesNorSendsAMessage(Vertx vertx) throws Exception {
    cluster = new TestCluster(5);
    int httpPort = TestStack.freePort();
    NodeProcess http = cluster.start(quick(cluster.env(0, "http", httpPort)));
    cluster.start(quick(cluster.env(1, "auth,storage", TestStack.freePort())));
    Api api = TestCluster.readyApi(vertx, http, httpPort);
    Api.Account owner = api.newAccount();
    String telegramToken = Api.telegramToken(Api.telegramId());
    String botId = api.post("/bots", new JsonObject().put("name", "guarded").put("token", telegramToken), owner.token())
      .bodyAsJsonObject().getString("id");
    // A legitimate webhook worker, in this JVM: it asks bots.token as the platform's workers do.
    worker = NodeVertx.create(AppConfig.from(cluster.inProcessConfig(2, "webhook")), "legit-worker").await();

    NodeProcess plain = rogue(3, Map.of(ConfigKey.CLUSTER_TLS.key(), "false"));
    ClusterCertificates.Bundle theirs = ClusterCertificates.stranger();
    NodeProcess foreign = rogue(4, Map.of(
      ConfigKey.CLUSTER_TLS_CA.key(), ClusterCertificates.Bundle.pem(theirs.ca())
        + ClusterCertificates.Bundle.pem(ClusterCertificates.cluster().ca()),
      ConfigKey.CLUSTER_TLS_CERT.key(), theirs.cert().toString(),
      ConfigKey.CLUSTER_TLS_KEY.key(), theirs.key().toString()));
    plain.awaitOutput("ROGUE REGISTERED", TestCluster.START);
    foreign.awaitOutput("ROGUE REGISTERED", TestCluster.START);

    // Legitimate traffic until the strangers' registrations were offered requests (and a few
    // were served by the legitimate node): logins (passwords on auth.login), the caller's client
    // (clients.get, no hashing: it answers fast), bot tokens for the worker (bots.token).
    List<Integer> logins = new ArrayList<>();
    List<Integer> clients = new ArrayList<>();
    List<Future<Message<JsonObject>>> tokens = new ArrayList<>();
    long end = System.currentTimeMillis() + TRAFFIC_MS;
    while (System.currentTimeMillis() < end
      && !(clients.contains(503) && logins.contains(200) && tokens.stream().anyMatch(Future::succeeded)
      && tokens.stream().anyMatch(Future::failed))) {
      Future<HttpResponse<Buffer>> login = api.client.post("/auth/token").sendForm(io.vertx.core.MultiMap
        .caseInsensitiveMultiMap().add("username", owner.email()).add("password", owner.password()));
      List<Future<HttpResponse<Buffer>>> mes = List.of(api.request(HttpMethod.GET, "/clients/me", owner.token()).send(),
        api.request(HttpMethod.GET, "/clients/me", owner.token()).send());
      Future<Message<JsonObject>> token = worker.eventBus().request(Addresses.BOTS_TOKEN.name(),
        new JsonObject().put("bot_id", botId), new DeliveryOptions().setSendTimeout(1500));
      tokens.add(token);
      Future.join(List.of(login, mes.get(0), mes.get(1), token)).otherwiseEmpty().await();
      logins.add(login.result().statusCode());
      mes.forEach(me -> clients.add(me.result().statusCode()));
    }
    stopRogues(plain, foreign);

    for (NodeProcess rogue : List.of(plain, foreign)) {
      String output = rogue.output();
      Matcher joined = MEMBERS.matcher(output);
      assertThat(joined.find()).as(output).isTrue();
      assertThat(Integer.parseInt(joined.group(1))).as("it joined the cluster itself").isGreaterThanOrEqualTo(3);
      assertThat(output).as("what the stranger received").doesNotContain("ROGUE RECEIVED");
      assertThat(output).as("answers the stranger got").doesNotContain("ROGUE ANSWERED");
      assertThat(output).contains("ROGUE UNANSWERED auth.login", "ROGUE UNANSWERED bots.token",
        "ROGUE UNANSWERED auth.register", "ROGUE UNANSWERED clients.get");
    }

    // The legitimate nodes went on working beside them. What was routed to a stranger's
    // registration never reached it: it timed out (a 503 to the HTTP client).
    assertThat(logins).as("login statuses").contains(200).allSatisfy(s -> assertThat(s).isIn(200, 503));
    assertThat(clients).as("GET /clients/me statuses").contains(200).allSatisfy(s -> assertThat(s).isIn(200, 503));
    assertThat(clients).as("requests offered to a stranger's registration").contains(503);
    assertThat(tokens).filteredOn(Future::succeeded).isNotEmpty()
      .allSatisfy(f -> assertThat(f.result().body().getString("token")).isEqualTo(telegramToken));
    assertThat(tokens).filteredOn(Future::failed).allSatisfy(f ->
      assertThat(((ReplyException) f.cause()).failureType()).isEqualTo(ReplyFailure.TIMEOUT));

    assertClientCertificateRequired(cluster.eventBusPort(1));
  }

  /** The control: the same stranger, against a cluster whose operator turned TLS off. */
  @Test
  void withTlsTurnedOffTheSameStrangerReadsThePasswords(Vertx vertx) throws Exception {
    cluster = new TestCluster(3);
    int httpPort = TestStack.freePort();
    NodeProcess http = cluster.start(quick(withoutTls(cluster.env(0, "http", httpPort))));
    cluster.start(quick(withoutTls(cluster.env(1, "auth,storage", TestStack.freePort()))));
    Api api = TestCluster.readyApi(vertx, http, httpPort);
    Api.Account owner = api.newAccount();

    NodeProcess plain = rogue(2, Map.of(ConfigKey.CLUSTER_TLS.key(), "false"));
    plain.awaitOutput("ROGUE REGISTERED", TestCluster.START);
    long end = System.currentTimeMillis() + TRAFFIC_MS;
    while (!(plain.output().contains("ROGUE RECEIVED auth.login") && plain.output().contains("ROGUE ANSWERED"))
      && System.currentTimeMillis() < end) {
      api.login(owner.email(), owner.password());
    }
    stopRogues(plain);

    assertThat(plain.output()).as("what the stranger received and was answered")
      .contains("ROGUE RECEIVED auth.login").contains("\"password\":\"" + owner.password() + "\"")
      .contains("ROGUE ANSWERED");
  }

  /**
   * A TLS client that trusts the cluster's CA (no secret) but has no certificate of its own is
   * refused by a node's event-bus port; the same client with the cluster's certificate is let in.
   */
  private static void assertClientCertificateRequired(int eventBusPort) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      ClusterCertificates.Bundle ours = ClusterCertificates.cluster();
      var trust = new PemTrustOptions().addCertPath(ours.ca().toString()).getTrustManagerFactory(vertx).getTrustManagers();
      KeyManager[] ourKey = new PemKeyCertOptions().setCertPath(ours.cert().toString()).setKeyPath(ours.key().toString())
        .getKeyManagerFactory(vertx).getKeyManagers();
      assertThatThrownBy(() -> handshakeAndRead(null, trust, eventBusPort)).isInstanceOf(SSLException.class);
      assertThatThrownBy(() -> handshakeAndRead(ourKey, trust, eventBusPort)).as("the same client, with a certificate")
        .isInstanceOf(SocketTimeoutException.class);
    } finally {
      vertx.close().await();
    }
  }

  private static void handshakeAndRead(KeyManager[] keys, javax.net.ssl.TrustManager[] trust, int port) throws Exception {
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys, trust, null);
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(2000);
      socket.startHandshake();
      socket.getInputStream().read(); // a TLS 1.3 server refuses the client's certificate after the client's Finished
    }
  }

  /** A stranger: the cluster's Hazelcast settings, none of its secrets, {@code security} for its event bus. */
  private NodeProcess rogue(int index, Map<String, String> security) {
    // An http node needs no database; the keys it must have are its own, never the cluster's.
    Map<String, String> env = cluster.env(index, "http", TestStack.freePort());
    env.remove(ConfigKey.DATABASE_URL.key());
    env.remove(ConfigKey.TOKEN_KEY.key());
    env.put(ConfigKey.JWT_SECRET.key(), strangersKey(48));
    env.put(ConfigKey.WEBHOOK_KEY.key(), strangersKey(32));
    if ("false".equals(security.get(ConfigKey.CLUSTER_TLS.key()))) {
      withoutTls(env);
    }
    env.putAll(security);
    env.put("ROGUE_STOP_FILE", stopFile.toString());
    return cluster.start(RogueNode.class.getName(), env);
  }

  private static String strangersKey(int bytes) {
    byte[] key = new byte[bytes];
    new java.security.SecureRandom().nextBytes(key);
    return java.util.Base64.getEncoder().encodeToString(key);
  }

  private static Map<String, String> withoutTls(Map<String, String> env) {
    env.put(ConfigKey.CLUSTER_TLS.key(), "false");
    env.remove(ConfigKey.CLUSTER_TLS_CA.key());
    env.remove(ConfigKey.CLUSTER_TLS_CERT.key());
    env.remove(ConfigKey.CLUSTER_TLS_KEY.key());
    return env;
  }

  /** Requests routed to a stranger time out: let that take 3 s rather than the hash timeout's 5. */
  private static Map<String, String> quick(Map<String, String> env) {
    env.put(ConfigKey.HASH_TIMEOUT_MS.key(), "3000");
    return env;
  }
}

package io.botfactory.app;

import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.DevData;
import io.botfactory.support.NodeProcess;
import io.botfactory.support.TestStack;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dev mode (the embedded PostgreSQL) stopped the ways a laptop or a container stops it, through
 * the real entry point in its own process: what was answered 201 is there after a restart. Each
 * starts on a data directory as a first start leaves it ({@link DevData}).
 */
@ExtendWith(VertxExtension.class)
class DevModeStopTest {

  private static final Duration START = Duration.ofSeconds(90);
  private static final Duration STOP = Duration.ofSeconds(60);
  /** Java's exit status after SIGTERM once the shutdown hooks have run. */
  private static final int SIGTERM_EXIT = 143;

  /**
   * SIGTERM 250 ms into 16 concurrent sign-ups: the node must finish them before its database
   * stops. Each either gets its 201 (and the account is there after a restart), or never reached
   * the node (no HTTP answer at all); none gets a 503 because PostgreSQL went first.
   */
  @Test
  void sigtermDuringSixteenSignUpsAnswersEachAndLosesNone(Vertx vertx, @TempDir Path dataDir) throws InterruptedException {
    DevData.seed(dataDir);
    Map<String, String> env = devEnv(dataDir);
    List<SignUp> signUps = new ArrayList<>();
    try (NodeProcess node = NodeProcess.start(env, Map.of())) {
      Api api = live(vertx, node, env);
      warmUp(api, 16);
      for (int i = 0; i < 16; i++) {
        signUps.add(SignUp.send(api));
      }
      Thread.sleep(250);
      node.signalTerm();
      assertThat(node.exitCode(STOP)).as(node.output()).isEqualTo(SIGTERM_EXIT);
      signUps.forEach(SignUp::await);
      String seen = signUps.toString() + "\n" + node.output();
      assertThat(signUps).as(seen).allSatisfy(s -> assertThat(s.status).isIn(201, 0));
      assertThat(signUps).as(seen).filteredOn(s -> s.status == 201).isNotEmpty();
    }

    assertSignedUpAfterRestart(vertx, env, signUps);
  }

  /**
   * SIGKILL of the node and of its PostgreSQL right after sixteen 201s, as a crash leaves them:
   * the restarted node recovers the database and every account is there.
   */
  @Test
  void sigkillOfTheNodeAndItsDatabaseRightAfterTheirAnswersLosesNone(Vertx vertx, @TempDir Path dataDir)
    throws InterruptedException {
    DevData.seed(dataDir);
    Map<String, String> env = devEnv(dataDir);
    List<SignUp> signUps = new ArrayList<>();
    try (NodeProcess node = NodeProcess.start(env, Map.of())) {
      Api api = live(vertx, node, env);
      warmUp(api, 16);
      for (int i = 0; i < 16; i++) {
        signUps.add(SignUp.send(api));
      }
      signUps.forEach(SignUp::await);
      assertThat(signUps).allSatisfy(s -> assertThat(s.status).isEqualTo(201));
      ProcessHandle postmaster = postmaster(dataDir);
      postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
      postmaster.destroyForcibly();
      node.kill();
      postmaster.onExit().join();
    }
    assertSignedUpAfterRestart(vertx, env, signUps);
  }

  /**
   * SIGKILL of the node alone leaves its PostgreSQL running on the data directory, detached: the
   * next start must take over the data all the same.
   */
  @Test
  void aNodeKilledWithSigkillStartsAgainOnItsData(Vertx vertx, @TempDir Path dataDir) throws InterruptedException {
    DevData.seed(dataDir);
    Map<String, String> env = devEnv(dataDir);
    List<SignUp> signUps = new ArrayList<>();
    ProcessHandle orphan;
    try (NodeProcess node = NodeProcess.start(env, Map.of())) {
      Api api = live(vertx, node, env);
      signUps.add(SignUp.send(api));
      signUps.forEach(SignUp::await);
      assertThat(signUps.get(0).status).isEqualTo(201);
      orphan = postmaster(dataDir);
      node.kill();
    }
    assertThat(orphan.isAlive()).as("PostgreSQL outlives its node").isTrue();
    assertSignedUpAfterRestart(vertx, env, signUps);
    assertThat(orphan.isAlive()).isFalse();
  }

  private static void assertSignedUpAfterRestart(Vertx vertx, Map<String, String> env, List<SignUp> signUps)
    throws InterruptedException {
    try (NodeProcess again = NodeProcess.start(env, Map.of())) {
      Api api = live(vertx, again, env);
      for (SignUp signUp : signUps) {
        if (signUp.status == 201) {
          assertThat(api.login(signUp.email, SignUp.PASSWORD).statusCode()).as(signUp.email).isEqualTo(200);
        }
      }
      assertThat(again.terminate(STOP)).as(again.output()).isEqualTo(SIGTERM_EXIT);
    }
  }

  /** The embedded PostgreSQL's server process, from the pid file it keeps in its data directory. */
  private static ProcessHandle postmaster(Path dataDir) {
    try {
      long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).strip());
      return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A node with nothing configured but its data directory and a loopback port: what a laptop runs. */
  static Map<String, String> devEnv(Path dataDir) {
    Map<String, String> env = new HashMap<>();
    env.put(ConfigKey.DATA_DIR.key(), dataDir.toString());
    env.put(ConfigKey.HTTP_HOST.key(), "127.0.0.1");
    env.put(ConfigKey.HTTP_PORT.key(), String.valueOf(TestStack.freePort()));
    env.put(ConfigKey.EVENT_LOOPS.key(), "2");
    // Sixteen Argon2 hashes may take longer than the default 5 s on a loaded machine, and the
    // pool's first connections longer than 1 s: a 503 for that would be about speed, and these
    // tests are about stopping.
    env.put(ConfigKey.HASH_TIMEOUT_MS.key(), "60000");
    env.put(ConfigKey.DB_CONNECT_TIMEOUT_MS.key(), "10000");
    return env;
  }

  /** Waits until the node answers on its port, and returns a client for it. */
  private static Api live(Vertx vertx, NodeProcess node, Map<String, String> env) throws InterruptedException {
    int port = Integer.parseInt(env.get(ConfigKey.HTTP_PORT.key()));
    node.awaitLive(port, START);
    return new Api(vertx, port);
  }

  /**
   * Opens {@code connections} keep-alive connections to the node, so that requests sent next
   * reach it within milliseconds rather than after a connection set-up on a loaded machine.
   */
  private static void warmUp(Api api, int connections) {
    List<Future<HttpResponse<Buffer>>> probes = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      probes.add(api.request(HttpMethod.GET, "/health/live", null).send());
    }
    Future.all(probes).await();
  }

  /** One sign-up sent without waiting; {@code status} is 0 when it got no HTTP answer. */
  private static final class SignUp {
    static final String PASSWORD = "correct horse battery staple";
    final String email = "stop-" + UUID.randomUUID() + "@example.com";
    Future<HttpResponse<Buffer>> response;
    int status = -1;

    static SignUp send(Api api) {
      SignUp signUp = new SignUp();
      signUp.response = api.request(HttpMethod.POST, "/auth/register", null).timeout(30_000)
        .sendJsonObject(new JsonObject().put("email", signUp.email).put("password", PASSWORD).put("full_name", "Stopped"));
      return signUp;
    }

    void await() {
      try {
        status = response.await().statusCode();
      } catch (Exception noAnswer) { // await() rethrows the connection failure as it is
        status = 0;
      }
    }

    @Override
    public String toString() {
      return status + " " + email;
    }
  }
}

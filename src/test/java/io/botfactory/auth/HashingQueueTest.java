package io.botfactory.auth;

import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Argon2 queue as a login storm meets it: one cap for the whole process, whatever the
 * number of auth verticle instances, and no work done for callers that have stopped waiting.
 */
@ExtendWith(VertxExtension.class)
class HashingQueueTest {

  private static Future<HttpResponse<Buffer>> unknownLogin(WebClient client) {
    return client.post("/auth/token").sendForm(MultiMap.caseInsensitiveMultiMap()
      .add("username", "storm-" + UUID.randomUUID() + "@example.com").add("password", "whatever"));
  }

  private static WebClient client(Vertx vertx, int port, int connections) {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
      new PoolOptions().setHttp1MaxSize(connections));
  }

  /**
   * Four auth instances, one hashing thread, a cap of 2 jobs: of 12 concurrent logins, two are
   * checked and ten are turned away at once. (With a cap per instance, eight were taken.)
   */
  @Test
  void theCapIsOnePerProcess(Vertx vertx) {
    JsonObject config = TestStack.committedArgon2(TestStack.config(TestDatabase.url())).put(ConfigKey.ROLES.key(), "http,auth,storage")
      .put(ConfigKey.EVENT_LOOPS.key(), 4)
      .put(ConfigKey.ARGON2_THREADS.key(), 1)
      .put(ConfigKey.ARGON2_MAX_QUEUE.key(), 2)
      .put(ConfigKey.ARGON2_ITERATIONS.key(), 20)
      .put(ConfigKey.HASH_TIMEOUT_MS.key(), 120_000);
    TestStack stack = TestStack.start(config);
    try {
      WebClient client = client(vertx, stack.port, 16);
      List<Future<HttpResponse<Buffer>>> storm = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        storm.add(unknownLogin(client));
      }
      Future.join(storm).await();
      long checked = storm.stream().filter(f -> f.result().statusCode() == 401).count();
      long turnedAway = storm.stream().filter(f -> f.result().statusCode() == 503).count();
      assertThat(checked + turnedAway).isEqualTo(12);
      assertThat(checked).as("checked with a cap of 2 for the process").isBetween(2L, 3L);
    } finally {
      stack.stop();
    }
  }

  /**
   * A storm several times the hash timeout long: its callers give up, and the jobs they left are
   * skipped, so a login sent once they have all given up is checked at once. (They were all
   * hashed, and it waited behind them past its own timeout.)
   */
  @Test
  void jobsWhoseCallerHasGoneAreSkipped(Vertx vertx) {
    int timeoutMs = 4000;
    JsonObject config = TestStack.committedArgon2(TestStack.config(TestDatabase.url())).put(ConfigKey.ROLES.key(), "http,auth,storage")
      .put(ConfigKey.EVENT_LOOPS.key(), 1)
      .put(ConfigKey.ARGON2_THREADS.key(), 1)
      .put(ConfigKey.ARGON2_MAX_QUEUE.key(), 1000)
      .put(ConfigKey.ARGON2_ITERATIONS.key(), 8)
      .put(ConfigKey.HASH_TIMEOUT_MS.key(), timeoutMs);
    TestStack stack = TestStack.start(config);
    try {
      Api api = new Api(vertx, stack.port);
      Api.Account account = api.newAccount();
      long start = System.nanoTime();
      assertThat(unknownLogin(api.client).await().statusCode()).isEqualTo(401);
      long hashMs = Math.max(1, (System.nanoTime() - start) / 1_000_000);
      assertThat(hashMs).as("one check must be well within the timeout for this test to mean anything")
        .isLessThan(timeoutMs / 3);
      int stormSize = (int) Math.min(400, 5 * timeoutMs / hashMs + 5);
      WebClient client = client(vertx, stack.port, stormSize);
      List<Future<HttpResponse<Buffer>>> storm = new ArrayList<>();
      for (int i = 0; i < stormSize; i++) {
        storm.add(unknownLogin(client));
      }
      Future.join(storm).await();
      assertThat(storm.stream().filter(f -> f.result().statusCode() == 503).count())
        .as("the storm outlasted its callers (%d logins of %d ms)", stormSize, hashMs).isPositive();
      HttpResponse<Buffer> after = api.login(account.email(), account.password());
      assertThat(after.statusCode()).as("a login right after the storm, %d logins of %d ms each", stormSize, hashMs)
        .isEqualTo(200);
    } finally {
      stack.stop();
    }
  }
}

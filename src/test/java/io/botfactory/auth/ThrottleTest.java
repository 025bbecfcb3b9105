package io.botfactory.auth;

import io.botfactory.config.ConfigKey;

import io.botfactory.config.AppConfig;
import io.botfactory.support.Api;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login throttling with the contract's defaults (5 per email, 100 per address, 15 minutes).
 * The node trusts X-Forwarded-For, as it would behind a load balancer, so each test can come
 * from addresses of its own.
 */
@ExtendWith(VertxExtension.class)
class ThrottleTest {

  private static TestStack stack;
  private Api api;

  @BeforeAll
  static void start() {
    stack = TestStack.start(TestStack.config(TestDatabase.url())
      .put(ConfigKey.LOGIN_MAX_FAILURES_PER_SOURCE.key(), 100)
      .put(ConfigKey.HTTP_TRUST_FORWARDED.key(), true));
  }

  @AfterAll
  static void stop() {
    stack.stop();
  }

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, stack.port);
  }

  private Future<HttpResponse<Buffer>> login(String address, String email, String password) {
    return api.client.post("/auth/token").putHeader("X-Forwarded-For", address)
      .sendForm(MultiMap.caseInsensitiveMultiMap().add("username", email).add("password", password));
  }

  private static String address() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
  }

  @Test
  void fiveFailuresForAnEmailLockItEvenForTheRightPassword() {
    Api.Account victim = api.newAccount();
    Api.Account bystander = api.newAccount();
    for (int i = 0; i < 5; i++) {
      assertThat(login(address(), victim.email(), "wrong-" + i).await().statusCode()).isEqualTo(401);
    }
    HttpResponse<Buffer> locked = login(address(), victim.email(), victim.password()).await();
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(locked.getHeader("Retry-After"))).isBetween(1L, 900L);
    assertThat(locked.bodyAsJsonObject().getString("detail")).isNotBlank();
    // The email counts whatever its letter case.
    assertThat(login(address(), victim.email().toUpperCase(), victim.password()).await().statusCode()).isEqualTo(429);
    // Other accounts log in normally, from anywhere.
    assertThat(login(address(), bystander.email(), bystander.password()).await().statusCode()).isEqualTo(200);
  }

  @Test
  void aSuccessBeforeTheLimitStartsTheCountOver() {
    Api.Account account = api.newAccount();
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 4; i++) {
        assertThat(login(address(), account.email(), "wrong").await().statusCode()).isEqualTo(401);
      }
      assertThat(login(address(), account.email(), account.password()).await().statusCode()).isEqualTo(200);
    }
  }

  @Test
  void concurrentGuessesLockTheEmailOnceTheyHaveFailed() {
    Api.Account account = api.newAccount();
    List<Future<HttpResponse<Buffer>>> guesses = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      guesses.add(login(address(), account.email(), "guess-" + i));
    }
    Future.join(guesses).await();
    // Guesses past the check before the fifth failure was counted still get their 401; none gets in.
    assertThat(guesses).allSatisfy(g -> assertThat(g.result().statusCode()).isIn(401, 429));
    assertThat(guesses.stream().filter(g -> g.result().statusCode() == 401).count()).isGreaterThanOrEqualTo(5);
    assertThat(login(address(), account.email(), account.password()).await().statusCode()).isEqualTo(429);
  }

  @Test
  void concurrentRightLoginsAreNotFailures() {
    Api.Account account = api.newAccount();
    List<Future<HttpResponse<Buffer>>> logins = new ArrayList<>();
    String address = address();
    for (int i = 0; i < 32; i++) {
      logins.add(login(address, account.email(), account.password()));
    }
    Future.join(logins).await();
    assertThat(logins).allSatisfy(l -> assertThat(l.result().statusCode()).isEqualTo(200));
  }

  @Test
  void aHundredFailuresFromOneAddressBlockItAndNoOtherAddress() {
    String attacker = address();
    List<Future<HttpResponse<Buffer>>> spray = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      spray.add(login(attacker, "nobody-" + UUID.randomUUID() + "@example.com", "password"));
    }
    Future.join(spray).await();
    assertThat(spray.stream().filter(f -> f.result().statusCode() == 401).count()).isEqualTo(100);

    Api.Account account = api.newAccount();
    HttpResponse<Buffer> blocked = login(attacker, account.email(), account.password()).await();
    assertThat(blocked.statusCode()).isEqualTo(429);
    assertThat(blocked.getHeader("Retry-After")).isNotNull();
    assertThat(login(address(), account.email(), account.password()).await().statusCode()).isEqualTo(200);
  }

  @Test
  void theLockEndsWhenTheWindowHasPassed(Vertx vertx) throws InterruptedException {
    TestStack shortWindow = TestStack.start(TestStack.config(TestDatabase.url()).put(ConfigKey.LOGIN_WINDOW_S.key(), 2)
      .put(ConfigKey.HTTP_TRUST_FORWARDED.key(), true));
    try {
      Api quick = new Api(vertx, shortWindow.port);
      Api.Account account = quick.newAccount();
      for (int i = 0; i < 5; i++) {
        assertThat(quick.login(account.email(), "wrong").statusCode()).isEqualTo(401);
      }
      HttpResponse<Buffer> locked = quick.login(account.email(), account.password());
      assertThat(locked.statusCode()).isEqualTo(429);
      assertThat(Long.parseLong(locked.getHeader("Retry-After"))).isBetween(1L, 2L);
      Thread.sleep(2100);
      assertThat(quick.login(account.email(), account.password()).statusCode()).isEqualTo(200);
    } finally {
      shortWindow.stop();
    }
  }
}

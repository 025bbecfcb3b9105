package io.botfactory.auth;

import io.botfactory.config.ConfigKey;

import io.botfactory.config.AppConfig;
import io.botfactory.support.Api;
import io.botfactory.support.OwnNode;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

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

  /** Auth alone is under test: no webhook role, so nothing of the shared database is taken or made due. */
  @RegisterExtension
  static final OwnNode node = OwnNode.with(config -> config
    .put(ConfigKey.LOGIN_MAX_FAILURES_PER_SOURCE.key(), 100)
    .put(ConfigKey.HTTP_TRUST_FORWARDED.key(), true))
    .roles("http,auth,storage");

  private Api api;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = node.api(vertx);
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

  /** A right password gives its own count back; the failures before it still count. */
  @Test
  void aRightPasswordIsNoFailureAndWipesNoFailure() {
    Api.Account account = api.newAccount();
    for (int i = 0; i < 4; i++) {
      assertThat(login(address(), account.email(), "wrong").await().statusCode()).isEqualTo(401);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(login(address(), account.email(), account.password()).await().statusCode()).isEqualTo(200);
    }
    assertThat(login(address(), account.email(), "wrong").await().statusCode()).isEqualTo(401);
    assertThat(login(address(), account.email(), account.password()).await().statusCode()).isEqualTo(429);
  }

  /**
   * Attempts are counted before the password is checked: of 30 concurrent guesses, at most 5
   * are ever checked (401); the others are 429 without a check, and none gets in.
   */
  @Test
  void concurrentGuessesGetAtMostFiveAnswers() {
    Api.Account account = api.newAccount();
    List<Future<HttpResponse<Buffer>>> guesses = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      guesses.add(login(address(), account.email(), "guess-" + i));
    }
    Future.join(guesses).await();
    assertThat(guesses).allSatisfy(g -> assertThat(g.result().statusCode()).isIn(401, 429));
    assertThat(guesses.stream().filter(g -> g.result().statusCode() == 401).count()).isBetween(1L, 5L);
    assertThat(login(address(), account.email(), account.password()).await().statusCode()).isEqualTo(429);
  }

  /**
   * Right passwords count while they are checked, so at most 5 are checked at once; none is a
   * failure: every count is given back, and the account is not locked afterwards.
   */
  @Test
  void concurrentRightLoginsLockNothing() {
    Api.Account account = api.newAccount();
    List<Future<HttpResponse<Buffer>>> logins = new ArrayList<>();
    String address = address();
    for (int i = 0; i < 32; i++) {
      logins.add(login(address, account.email(), account.password()));
    }
    Future.join(logins).await();
    assertThat(logins).allSatisfy(l -> assertThat(l.result().statusCode()).isIn(200, 429));
    assertThat(logins.stream().filter(l -> l.result().statusCode() == 200).count()).isGreaterThanOrEqualTo(5);
    for (int i = 0; i < 6; i++) {
      assertThat(login(address, account.email(), account.password()).await().statusCode()).isEqualTo(200);
    }
  }

  /**
   * Look-alike spellings of a locked email are the same email: the same account and the same
   * counter (the throttle used Java's lower-casing and the lookup PostgreSQL's, so the dotted
   * capital I logged in past the lock).
   */
  @Test
  void lookAlikeSpellingsShareTheLock() {
    String local = "victim-" + UUID.randomUUID().toString().substring(0, 8);
    String email = local + "@x.io";
    assertThat(api.register(email, "the-right-password", null).statusCode()).isEqualTo(201);
    for (int i = 0; i < 5; i++) {
      assertThat(login(address(), email, "wrong-" + i).await().statusCode()).isEqualTo(401);
    }
    String dottedCapitalI = "v\u0130" + local.substring(2) + "@x.io";
    String fullWidth = "\uFF56\uFF49" + local.substring(2) + "@x.io";
    for (String alike : List.of(dottedCapitalI, fullWidth, local + "@X.IO", email.toUpperCase())) {
      assertThat(login(address(), alike, "the-right-password").await().statusCode()).as(alike).isEqualTo(429);
      assertThat(api.register(alike, "another-password", null).statusCode()).as(alike).isEqualTo(409);
    }
  }

  @Test
  void aHundredFailuresFromOneAddressBlockItAndNoOtherAddress() {
    String attacker = address();
    List<Future<HttpResponse<Buffer>>> spray = new ArrayList<>();
    // Ten at a time: a hundred at once would wait for Argon2 past the hash timeout on a busy machine.
    for (int round = 0; round < 10; round++) {
      List<Future<HttpResponse<Buffer>>> batch = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        batch.add(login(attacker, "nobody-" + UUID.randomUUID() + "@example.com", "password"));
      }
      Future.join(batch).await();
      spray.addAll(batch);
    }
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
      .put(ConfigKey.HTTP_TRUST_FORWARDED.key(), true).put(ConfigKey.ROLES.key(), "http,auth,storage"));
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

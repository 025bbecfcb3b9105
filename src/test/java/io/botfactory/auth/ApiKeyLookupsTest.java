package io.botfactory.auth;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.ApiKeyListeners;
import io.botfactory.bus.ApiKeyRevoked;
import io.botfactory.bus.VerifyApiKeyRequest;
import io.botfactory.config.ConfigKey;
import io.botfactory.security.ApiKeySecrets;
import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.HeldLock;
import io.botfactory.support.Sql;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a key costs the database, on a node with one HTTP and one auth instance: a flood of
 * made-up keys reaches it {@value ApiKeyService#MAX_LOOKUPS} at a time and no more; a key asked
 * about again is looked up once (known or not); an answer that crossed a revocation is not kept;
 * a revocation waits for no listener that is gone; and a key's use is written at most once a
 * minute.
 */
class ApiKeyLookupsTest {

  private static Vertx vertx;
  private static TestStack stack;
  private static Api api;
  private final AtomicInteger lookups = new AtomicInteger();
  private final Handler<DeliveryContext<Object>> counter = ctx -> {
    if (ctx.message().address().equals(Addresses.AUTH_APIKEY_VERIFY.name())) {
      lookups.incrementAndGet();
    }
    ctx.next();
  };

  @BeforeAll
  static void start() {
    // Lookups held at a lock must outwait it: long bus and connection timeouts.
    stack = TestStack.start(TestStack.config(TestDatabase.url())
      .put(ConfigKey.ROLES.key(), "http,auth")
      .put(ConfigKey.EVENT_LOOPS.key(), 1)
      .put(ConfigKey.BUS_TIMEOUT_MS.key(), 20_000)
      .put(ConfigKey.DB_CONNECT_TIMEOUT_MS.key(), 20_000));
    vertx = Vertx.vertx();
    api = new Api(vertx, stack.port);
  }

  @AfterAll
  static void stop() {
    stack.stop();
    vertx.close().await();
  }

  @BeforeEach
  void countLookups() {
    stack.vertx.eventBus().addInboundInterceptor(counter);
  }

  @AfterEach
  void stopCounting() {
    stack.vertx.eventBus().removeInboundInterceptor(counter);
  }

  private static String madeUpKey() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return "bfk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  private static Future<HttpResponse<Buffer>> me(String key) {
    return api.request(HttpMethod.GET, "/clients/me", key).send();
  }

  @Test
  void aFloodOfMadeUpKeysReachesTheDatabaseSixteenAtATime() {
    List<Future<HttpResponse<Buffer>>> flood = new ArrayList<>();
    try (HeldLock lock = HeldLock.table(vertx, TestDatabase.url(), "api_keys")) {
      for (int i = 0; i < 50; i++) {
        flood.add(me(madeUpKey()));
      }
      // While the first lookups wait at the lock, every other is answered at once, unasked.
      Eventually.await(() -> flood.stream().filter(Future::isComplete).count(), n -> n >= 34, Duration.ofSeconds(10),
        "34 answered");
      assertThat(lock.waiting("api_keys")).as("a lookup waits at the lock").isPositive();
      assertThat(flood.stream().filter(Future::isComplete).count()).isEqualTo(34);
      for (Future<HttpResponse<Buffer>> answered : flood.stream().filter(Future::isComplete).toList()) {
        assertThat(answered.result().statusCode()).isEqualTo(503);
        assertThat(answered.result().getHeader("Retry-After")).isEqualTo("1");
        assertThat(answered.result().bodyAsJsonObject()).isEqualTo(new JsonObject().put("detail", "Service temporarily unavailable"));
      }
    }
    Future.join(flood).await();
    assertThat(flood.stream().filter(f -> f.result().statusCode() == 401).count()).as("the 16 asked").isEqualTo(16);
    assertThat(lookups.get()).isEqualTo(50);
  }

  @Test
  void aKeyAskedAboutAgainIsLookedUpOnce() {
    String madeUp = madeUpKey();
    for (int i = 0; i < 10; i++) {
      assertThat(me(madeUp).await().statusCode()).isEqualTo(401);
    }
    assertThat(lookups.get()).as("one made-up key, ten times").isEqualTo(1);

    String another = madeUpKey();
    List<Future<HttpResponse<Buffer>>> together = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      together.add(me(another));
    }
    Future.join(together).await();
    assertThat(together.stream().map(f -> f.result().statusCode()).distinct().toList()).containsExactly(401);
    assertThat(lookups.get()).as("another, ten times at once").isEqualTo(2);

    String key = api.createApiKey(api.newAccount(), "busy").getString("key");
    for (int i = 0; i < 10; i++) {
      assertThat(me(key).await().statusCode()).isEqualTo(200);
    }
    assertThat(lookups.get()).as("a real key, ten times").isEqualTo(3);
  }

  /** A revocation arrives while the key is being looked up: the answer lets that request in, but is not kept. */
  @Test
  void anAnswerThatCrossedARevocationIsNotKept() {
    Api.Account owner = api.newAccount();
    JsonObject key = api.createApiKey(owner, "crossed");
    Future<HttpResponse<Buffer>> inFlight;
    try (HeldLock lock = HeldLock.table(vertx, TestDatabase.url(), "api_keys")) {
      inFlight = me(key.getString("key"));
      lock.awaitWaiting("api_keys", 1);
      // What the auth service tells every HTTP instance once a revocation commits (none did: the key stays good).
      ApiKeyListeners.tell(stack.vertx, new ApiKeyRevoked(key.getString("id"), owner.id()), 5000).await();
    }
    assertThat(inFlight.await().statusCode()).isEqualTo(200);
    assertThat(me(key.getString("key")).await().statusCode()).isEqualTo(200);
    assertThat(lookups.get()).as("asked again: the first answer was not kept").isEqualTo(2);
    assertThat(me(key.getString("key")).await().statusCode()).isEqualTo(200);
    assertThat(lookups.get()).as("the second answer was kept").isEqualTo(2);
  }

  /**
   * A revocation is answered once every listener has confirmed, or is found gone (and forgotten),
   * or has let the wait pass: a listener that stopped costs nothing, one that is stuck a second.
   */
  @Test
  void aRevocationDoesNotWaitForListenersThatAreGoneAndLittleForOnesThatAreStuck() {
    Api.Account owner = api.newAccount();
    JsonObject gone = api.createApiKey(owner, "gone");
    JsonObject stuck = api.createApiKey(owner, "stuck");
    assertThat(me(gone.getString("key")).await().statusCode()).isEqualTo(200);
    ApiKeyListeners.add(stack.vertx, "a-stopped-node").await();

    long start = System.nanoTime();
    assertThat(api.delete("/clients/me/api-keys/" + gone.getString("id"), owner.token()).statusCode()).isEqualTo(204);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(ApiKeyService.CONFIRM_WAIT_MS));
    assertThat(me(gone.getString("key")).await().statusCode()).isEqualTo(401);
    assertThat(stack.vertx.sharedData().<String, Long>getAsyncMap("botfactory.apikey-listeners").await().keys().await())
      .doesNotContain("a-stopped-node").hasSize(1);

    stack.vertx.eventBus().consumer(Addresses.AUTH_APIKEYS_REVOKED.at("a-stuck-node").name(), m -> { }).completion().await();
    ApiKeyListeners.add(stack.vertx, "a-stuck-node").await();
    start = System.nanoTime();
    assertThat(api.delete("/clients/me/api-keys/" + stuck.getString("id"), owner.token()).statusCode()).isEqualTo(204);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(ApiKeyService.CONFIRM_WAIT_MS));
    assertThat(me(stuck.getString("key")).await().statusCode()).isEqualTo(401);
    ApiKeyListeners.remove(stack.vertx, "a-stuck-node").await();
  }

  @Test
  void aKeysUseIsWrittenAtMostOnceAMinute() {
    Api.Account owner = api.newAccount();
    JsonObject key = api.createApiKey(owner, "used");
    UUID id = UUID.fromString(key.getString("id"));
    assertThat(api.get("/clients/me/api-keys", owner.token()).bodyAsJsonArray().getJsonObject(0).getValue("last_used_at")).isNull();

    assertThat(me(key.getString("key")).await().statusCode()).isEqualTo(200);
    String firstUse = api.get("/clients/me/api-keys", owner.token()).bodyAsJsonArray().getJsonObject(0).getString("last_used_at");
    assertThat(OffsetDateTime.parse(firstUse)).isAfterOrEqualTo(OffsetDateTime.parse(key.getString("created_at")));

    try (Sql sql = new Sql(vertx)) {
      // Looked up again (as another node would) within the minute: no write.
      verify(key.getString("key"));
      assertThat(lastUsed(sql, id)).isEqualTo(OffsetDateTime.parse(firstUse));
      // A minute and a second later: written again.
      sql.query("UPDATE api_keys SET last_used_at = last_used_at - interval '61 seconds' WHERE id = $1", id);
      OffsetDateTime backdated = lastUsed(sql, id);
      verify(key.getString("key"));
      assertThat(lastUsed(sql, id)).isAfter(backdated.plusSeconds(60));
    }
  }

  private static void verify(String key) {
    JsonObject owner = stack.vertx.eventBus().<JsonObject>request(Addresses.AUTH_APIKEY_VERIFY.name(),
      new VerifyApiKeyRequest(ApiKeySecrets.hash(key)).toJson()).await().body();
    assertThat(owner.fieldNames()).containsExactlyInAnyOrder("client_id", "key_id");
  }

  private static OffsetDateTime lastUsed(Sql sql, UUID id) {
    return sql.query("SELECT last_used_at FROM api_keys WHERE id = $1", id).iterator().next().getOffsetDateTime(0);
  }
}

package io.botfactory.auth;

import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.OwnNode;
import io.botfactory.support.Sql;
import io.vertx.core.Future;
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
 * Every sign-up costs an Argon2 hash, so sign-ups are counted per source address (here 3 per
 * window), before the hash: past the limit, 429 with Retry-After, and nothing is stored.
 */
@ExtendWith(VertxExtension.class)
class SignUpThrottleTest {

  /** Auth alone is under test: no webhook role, so nothing of the shared database is taken or made due. */
  @RegisterExtension
  static final OwnNode node = OwnNode.with(config -> config
    .put(ConfigKey.REGISTER_MAX_PER_SOURCE.key(), 3)
    .put(ConfigKey.HTTP_TRUST_FORWARDED.key(), true))
    .roles("http,auth,storage");

  private Api api;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = node.api(vertx);
  }

  private Future<HttpResponse<Buffer>> register(String address, String email) {
    return api.client.post("/auth/register").putHeader("X-Forwarded-For", address)
      .sendJsonObject(new JsonObject().put("email", email).put("password", "long-enough"));
  }

  private static String email() {
    return "signup-" + UUID.randomUUID() + "@example.com";
  }

  private static String address() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
  }

  @Test
  void theFourthSignUpFromOneAddressIs429AndStoresNothing(Vertx vertx) {
    String address = address();
    for (int i = 0; i < 3; i++) {
      assertThat(register(address, email()).await().statusCode()).isEqualTo(201);
    }
    String refused = email();
    HttpResponse<Buffer> r = register(address, refused).await();
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(r.getHeader("Retry-After"))).isBetween(1L, 3600L);
    assertThat(r.bodyAsJsonObject().getString("detail")).isNotBlank();
    try (Sql sql = new Sql(vertx)) {
      assertThat(sql.query("SELECT 1 FROM clients WHERE email = $1", refused).size()).isZero();
    }
    assertThat(register(address(), refused).await().statusCode()).as("another address").isEqualTo(201);
  }

  @Test
  void concurrentSignUpsFromOneAddressAreCountedBeforeTheyAreHashed() {
    String address = address();
    List<Future<HttpResponse<Buffer>>> burst = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      burst.add(register(address, email()));
    }
    Future.join(burst).await();
    assertThat(burst).allSatisfy(f -> assertThat(f.result().statusCode()).isIn(201, 429));
    assertThat(burst.stream().filter(f -> f.result().statusCode() == 201).count()).isEqualTo(3);
  }
}

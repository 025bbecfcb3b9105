package io.botfactory.auth;

import io.botfactory.app.Application;
import io.botfactory.app.NodeVertx;
import io.botfactory.bus.Addresses;
import io.botfactory.config.AppConfig;
import io.botfactory.config.ConfigKey;
import io.botfactory.support.Sql;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A graceful stop of the auth service answers the sign-ups and logins it has taken, however
 * long their Argon2 work takes within the hash timeout their callers wait. (It waited the bus
 * timeout, then closed its hashing threads and its pool under them.) The bus timeout is set to
 * its minimum here and each hash made slow, so that the difference cannot be missed.
 */
@ExtendWith(VertxExtension.class)
class AuthStopTest {

  private static final DeliveryOptions PATIENT = new DeliveryOptions().setSendTimeout(60_000);

  @Test
  void signUpsAndLoginsInFlightAreAnsweredBeforeTheServiceStops(Vertx vertx) throws InterruptedException {
    JsonObject config = TestStack.committedArgon2(TestStack.config(TestDatabase.url()))
      .put(ConfigKey.ROLES.key(), "auth")
      .put(ConfigKey.EVENT_LOOPS.key(), 1)
      .put(ConfigKey.ARGON2_THREADS.key(), 1)
      .put(ConfigKey.DB_CONNECT_TIMEOUT_MS.key(), 10_000)
      .put(ConfigKey.ARGON2_ITERATIONS.key(), 12)
      .put(ConfigKey.BUS_TIMEOUT_MS.key(), 100)
      .put(ConfigKey.HASH_TIMEOUT_MS.key(), 60_000);
    AppConfig typed = AppConfig.from(config);
    Vertx node = NodeVertx.create(typed, "auth-stop-" + UUID.randomUUID()).await();
    Application auth = Application.start(node, typed, "unused").await();
    try {
      String email = "stop-" + UUID.randomUUID() + "@example.com";
      String source = "198.18." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250 + 1);
      register(node, email, source).await();

      Future<Message<JsonObject>> signUp = register(node, "stop-new-" + UUID.randomUUID() + "@example.com", source);
      Future<Message<JsonObject>> login = node.eventBus().request(Addresses.AUTH_LOGIN.name(),
        new JsonObject().put("email", email).put("password", "the-password").put("source", source), PATIENT);
      awaitCounted(vertx, "email:" + email);

      Future<Void> stopped = auth.stop();
      assertThat(signUp.await().body().getString("email")).startsWith("stop-new-");
      assertThat(login.await().body().getString("access_token")).isNotBlank();
      stopped.await();
    } finally {
      node.close().await();
    }
  }

  private static Future<Message<JsonObject>> register(Vertx node, String email, String source) {
    return node.eventBus().request(Addresses.AUTH_REGISTER.name(), new JsonObject().put("email", email)
      .put("password", "the-password").put("full_name", null).put("source", source), PATIENT);
  }

  /** Waits until the login has been counted: it is then in the service's hands, waiting for Argon2. */
  private static void awaitCounted(Vertx vertx, String key) throws InterruptedException {
    try (Sql sql = new Sql(vertx)) {
      long deadline = System.currentTimeMillis() + 20_000;
      while (sql.query("SELECT 1 FROM auth_attempts WHERE key = $1 AND attempts > 0", key).size() == 0) {
        assertThat(System.currentTimeMillis()).as("the login was counted").isLessThan(deadline);
        Thread.sleep(20);
      }
    }
  }
}

package io.botfactory.auth;

import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.Sql;
import io.botfactory.support.HeldLock;
import io.botfactory.support.TestDatabase;
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

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limit of 20 API keys per account holds however creates meet in the database: an account
 * with 16 keys sends 30 creates, held back by a lock on the account's row until every connection
 * of the auth service has one waiting, its snapshot taken, then let go together: exactly 4 are
 * made. (A create that counted the account's keys in its own statement made all 8 of the first
 * wave here, 24 keys in all: each had counted 16.)
 */
@ExtendWith(VertxExtension.class)
class ApiKeyLimitTest {

  @Test
  void thirtyCreatesLetGoTogetherFillTheLastFourPlacesExactly(Vertx vertx) {
    // Two auth instances of four connections each, one statement at a time on each (no
    // pipelining): eight creates wait at the lock at once, each on a connection of its own.
    JsonObject config = TestStack.config(TestDatabase.url())
      .put(ConfigKey.ROLES.key(), "http,auth")
      .put(ConfigKey.EVENT_LOOPS.key(), 2)
      .put(ConfigKey.DB_POOL_SIZE.key(), 8)
      .put(ConfigKey.DB_PIPELINING_LIMIT.key(), 1)
      // The other 22 wait for a connection meanwhile, and must not give up.
      .put(ConfigKey.DB_CONNECT_TIMEOUT_MS.key(), 20_000)
      .put(ConfigKey.BUS_TIMEOUT_MS.key(), 20_000);
    TestStack stack = TestStack.start(config);
    try {
      Api api = new Api(vertx, stack.port);
      Api.Account owner = api.newAccount();
      for (int i = 0; i < 16; i++) {
        api.createApiKey(owner, "before " + i);
      }
      List<Future<HttpResponse<Buffer>>> creates = new ArrayList<>();
      try (HeldLock lock = HeldLock.rows(vertx, TestDatabase.url(), "SELECT 1 FROM clients WHERE id = $1 FOR UPDATE",
        UUID.fromString(owner.id()))) {
        for (int i = 0; i < 30; i++) {
          creates.add(api.request(HttpMethod.POST, "/clients/me/api-keys", owner.token())
            .sendJsonObject(new JsonObject().put("name", "key " + i)));
        }
        lock.awaitWaiting("api_keys", 8);
      }
      Future.join(creates).await();
      List<Integer> statuses = creates.stream().map(f -> f.result().statusCode()).toList();
      assertThat(statuses.stream().filter(s -> s == 201).count()).as(statuses.toString()).isEqualTo(4);
      assertThat(statuses.stream().filter(s -> s == 409).count()).as(statuses.toString()).isEqualTo(26);
      try (Sql sql = new Sql(vertx)) {
        assertThat(sql.query("SELECT count(*) FROM api_keys WHERE client_id = $1", UUID.fromString(owner.id()))
          .iterator().next().getLong(0)).isEqualTo(20L);
      }
    } finally {
      stack.stop();
    }
  }
}

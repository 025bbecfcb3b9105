package io.botfactory.db;

import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A statement stuck behind a lock gives its connection back once its caller has stopped
 * waiting (the statement timeout is the bus timeout), so one lock held for long cannot take the
 * pool with it: here a pool of one connection serves the readiness check again while the lock
 * is still held. (The stuck insert used to keep the connection until the lock went.) While it
 * is stuck, readiness says 503, never 500.
 */
@ExtendWith(VertxExtension.class)
class StatementTimeoutTest {

  @Test
  void aStatementStuckBehindALockLetsGoOfItsConnection(Vertx vertx) throws InterruptedException {
    TestStack node = TestStack.start(TestStack.config(TestDatabase.url()).put(ConfigKey.ROLES.key(), "http,auth,storage")
      .put(ConfigKey.EVENT_LOOPS.key(), 1)
      .put(ConfigKey.DB_POOL_SIZE.key(), 1));
    PgConnection lock = PgConnection.connect(vertx, PgConnectOptions.fromUri(TestDatabase.url())).await();
    try {
      Api api = new Api(vertx, node.port);
      Api.Account owner = api.newAccount();
      assertThat(api.get("/health/ready", null).statusCode()).isEqualTo(200);
      lock.query("BEGIN").execute().await();
      lock.query("LOCK TABLE bots IN EXCLUSIVE MODE").execute().await();

      JsonObject bot = new JsonObject().put("name", "behind a lock").put("token", Api.telegramToken(Api.telegramId()));
      Future<HttpResponse<Buffer>> stuck = api.request(HttpMethod.POST, "/bots", owner.token()).sendJsonObject(bot);
      awaitWaiting(lock);
      assertThat(api.get("/health/ready", null).statusCode()).as("readiness while the only connection is stuck")
        .isEqualTo(503);
      assertThat(stuck.await().statusCode()).isEqualTo(503);

      long deadline = System.currentTimeMillis() + 6000;
      int ready = 0;
      while (System.currentTimeMillis() < deadline && (ready = api.get("/health/ready", null).statusCode()) != 200) {
        Thread.sleep(200);
      }
      assertThat(ready).as("the storage pool's one connection is free while the lock is still held").isEqualTo(200);
      assertThat(lock.query("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'bots'::regclass").execute()
        .await().iterator().next().getLong(0)).as("statements still waiting for the lock").isZero();

      lock.query("COMMIT").execute().await();
      assertThat(api.post("/bots", bot, owner.token()).statusCode()).isEqualTo(201);
    } finally {
      lock.close().await();
      node.stop();
    }
  }

  private static void awaitWaiting(PgConnection lock) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5000;
    while (lock.query("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'bots'::regclass").execute()
      .await().iterator().next().getLong(0) == 0) {
      assertThat(System.currentTimeMillis()).as("the insert waits for the lock").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}

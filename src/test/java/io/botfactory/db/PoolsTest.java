package io.botfactory.db;

import io.botfactory.config.AppConfig;
import io.botfactory.config.ConfigKey;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sessions of a request-path pool, as PostgreSQL sees them: a statement timeout equal to the
 * bus timeout, and keepalive and user timeout on the server's side, so that PostgreSQL drops the
 * sessions (and locks) of a node that vanished. (Keepalive on our own sockets is asked for too,
 * but Vert.x 5.0.7's PostgreSQL driver ignores socket options: vertx-sql-client#1608.)
 */
@ExtendWith(VertxExtension.class)
class PoolsTest {

  @Test
  void sessionsCarryTheTimeoutsAndKeepalive(Vertx vertx) {
    AppConfig config = AppConfig.from(TestStack.config(TestDatabase.url()));
    TestStack.shared(); // the schema, and a database that has served connections
    Pool pool = Pools.create(vertx, config.db(), "probe", 1);
    try {
      SqlConnection connection = pool.getConnection().await();
      try {
        assertThat(show(connection, "statement_timeout")).isEqualTo(config.bus().timeoutMs() + "ms");
        assertThat(show(connection, "tcp_keepalives_idle")).isEqualTo("10");
        assertThat(show(connection, "tcp_keepalives_interval")).isEqualTo("5");
        assertThat(show(connection, "tcp_keepalives_count")).isEqualTo("3");
        assertThat(show(connection, "tcp_user_timeout")).isEqualTo("25000");
      } finally {
        connection.close().await();
      }
    } finally {
      pool.close().await();
    }
  }

  /**
   * A burst past the wait queue: the request path refuses what does not fit (a fast 503), a
   * worker's pool lets all of it wait its turn (refused, a worker only tries again).
   */
  @Test
  void aWorkersPoolLetsABurstWaitWhereTheRequestPathShedsIt(Vertx vertx) {
    AppConfig config = AppConfig.from(TestStack.config(TestDatabase.url())
      .put(ConfigKey.DB_POOL_SIZE.key(), 2).put(ConfigKey.DB_MAX_WAIT_QUEUE.key(), 4));
    TestStack.shared();
    Pool requests = Pools.create(vertx, config.db(), "probe-burst-requests", 1);
    Pool workers = Pools.forWorker(vertx, config.db(), "probe-burst-workers", 1, false);
    try {
      assertThat(burst(requests, 50).stream().filter(Future::failed).count()).as("refused on the request path").isPositive();
      List<Future<?>> worked = burst(workers, 50);
      assertThat(worked.stream().filter(Future::failed).map(f -> f.cause().toString())).as("refused to a worker").isEmpty();
    } finally {
      requests.close().await();
      workers.close().await();
    }
  }

  /** {@code n} short queries at once; answers each one's outcome once all are done. */
  private static List<Future<?>> burst(Pool pool, int n) {
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(pool.query("SELECT pg_sleep(0.01)").execute());
    }
    Future.join(all).otherwiseEmpty().await();
    return all;
  }

  private static String show(SqlConnection connection, String setting) {
    Row row = connection.query("SHOW " + setting).execute().await().iterator().next();
    return row.getString(0);
  }
}

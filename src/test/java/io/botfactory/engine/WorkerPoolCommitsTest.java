package io.botfactory.engine;

import io.botfactory.config.AppConfig;
import io.botfactory.db.Pools;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The update workers' sessions commit without waiting for the disk (what they write is done
 * again if a database crash takes it back), except where the statement asks for a durable
 * commit in its own transaction: polled updates, which the next getUpdates confirms to Telegram.
 * The request path keeps the server's setting.
 */
@ExtendWith(VertxExtension.class)
class WorkerPoolCommitsTest {

  /** Where the session's synchronous_commit comes from: "client" when the pool set it. */
  private static final String SOURCE = "SELECT source FROM pg_settings WHERE name = 'synchronous_commit'";

  @Test
  void workersCommitAsynchronouslyExceptWhereAskedAndTheRequestPathKeepsTheServersSetting(Vertx vertx) {
    AppConfig config = AppConfig.from(TestStack.config(TestDatabase.url()));
    TestStack.shared();
    Pool workers = Pools.forWorker(vertx, config.db(), "probe-workers", 1, true);
    Pool requests = Pools.create(vertx, config.db(), "probe-requests", 1);
    try {
      assertThat(show(workers, "SHOW synchronous_commit")).isEqualTo("off");
      String inDurableTransaction = workers.withTransaction(conn -> conn.query(EngineSql.DURABLE_COMMIT).execute()
        .compose(v -> conn.query("SHOW synchronous_commit").execute())).await().iterator().next().getString(0);
      assertThat(inDurableTransaction).isEqualTo("on");
      assertThat(show(workers, "SHOW synchronous_commit")).as("SET LOCAL ends with its transaction").isEqualTo("off");
      assertThat(show(workers, SOURCE)).isEqualTo("client");
      assertThat(show(requests, SOURCE)).as("the request path sets nothing: the server's setting holds")
        .isNotEqualTo("client");
    } finally {
      workers.close().await();
      requests.close().await();
    }
  }

  private static String show(SqlClient client, String sql) {
    return client.query(sql).execute().await().iterator().next().getString(0);
  }
}

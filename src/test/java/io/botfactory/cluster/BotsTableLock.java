package io.botfactory.cluster;

import io.botfactory.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;

/**
 * Holds an EXCLUSIVE lock on the {@code bots} table in an open transaction: reads go on, but
 * every insert waits. It makes "a request in flight" last as long as a test needs, so that a
 * node can be stopped while requests are provably under way, then let go.
 */
final class BotsTableLock implements AutoCloseable {

  private final Pool pool;
  private final SqlConnection connection;
  private final Transaction transaction;

  BotsTableLock(Vertx vertx) {
    pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(TestDatabase.url())).using(vertx).build();
    connection = pool.getConnection().await();
    transaction = connection.begin().await();
    connection.query("LOCK TABLE bots IN EXCLUSIVE MODE").execute().await();
  }

  /** Waits until at least {@code count} statements are queued behind the lock. */
  void awaitWaiting(int count) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5000;
    while (System.currentTimeMillis() < deadline) {
      long waiting = connection.query("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'bots'::regclass")
        .execute().await().iterator().next().getLong(0);
      if (waiting >= count) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("fewer than " + count + " statements waiting for the bots table");
  }

  /** Lets the waiting statements run. */
  @Override
  public void close() {
    try {
      transaction.commit().await();
      connection.close().await();
    } finally {
      pool.close().await();
    }
  }
}

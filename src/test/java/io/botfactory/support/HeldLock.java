package io.botfactory.support;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;

/**
 * A lock held in an open transaction of the test's own, so that the service's statements that
 * need it wait (as many as the service sends) until {@link #close()} lets them all go at once.
 * A table lock stops a statement before it takes its snapshot; a row lock stops it in the
 * middle, with its snapshot taken.
 */
public final class HeldLock implements AutoCloseable {

  private final Pool pool;
  private final SqlConnection connection;
  private final Transaction transaction;

  private HeldLock(Vertx vertx, String databaseUrl, String lockingSql, Object... params) {
    pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(databaseUrl)).using(vertx).build();
    connection = pool.getConnection().await();
    transaction = connection.begin().await();
    connection.preparedQuery(lockingSql).execute(Tuple.wrap(params)).await();
  }

  /** Every statement that writes {@code table} waits; reads go on. */
  public static HeldLock table(Vertx vertx, String databaseUrl, String table) {
    return new HeldLock(vertx, databaseUrl, "LOCK TABLE " + table + " IN EXCLUSIVE MODE");
  }

  /** Every statement that locks the rows {@code select} names (a {@code SELECT ... FOR UPDATE}) waits. */
  public static HeldLock rows(Vertx vertx, String databaseUrl, String select, Object... params) {
    return new HeldLock(vertx, databaseUrl, select, params);
  }

  /**
   * How many statements that mention {@code text} wait for a lock now. Asked on another
   * connection: a transaction sees pg_stat_activity as it was at its first look.
   */
  public long waiting(String text) {
    return pool.preparedQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
        + "AND pid <> pg_backend_pid() AND position($1 in query) > 0")
      .execute(Tuple.of(text)).await().iterator().next().getLong(0);
  }

  /** Waits until at least {@code count} statements that mention {@code text} wait for a lock. */
  public void awaitWaiting(String text, int count) {
    Eventually.await(() -> waiting(text), n -> n >= count, Duration.ofSeconds(10), count + " statements on " + text + " waiting");
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

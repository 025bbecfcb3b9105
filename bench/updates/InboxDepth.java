import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * The inbox depth (updates stored and not yet handled) over time, asked of PostgreSQL directly
 * every {@code periodMs} on one connection of its own: the truth, whatever the service reports.
 * Samples are {@code [ms since the epoch, depth]}. Runs on the observing context.
 */
final class InboxDepth {

  /** Unhandled updates; the partial index updates_unhandled_idx makes this cheap while the inbox is small. */
  static final String DEFAULT_QUERY = "SELECT count(*) FROM updates WHERE handled_at IS NULL";

  private final Vertx vertx;
  private final Pool pool;
  private final String query;
  private final JsonArray samples = new JsonArray();
  private long timer = -1;
  private boolean busy;
  private volatile long last = -1;
  private volatile long lastAtMs;
  private long max;
  private String error;

  InboxDepth(Vertx vertx, String dbUrl, String query) {
    this.vertx = vertx;
    this.query = query;
    this.pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(dbUrl)).with(new PoolOptions().setMaxSize(1))
      .using(vertx).build();
  }

  void start(int periodMs) {
    timer = vertx.setPeriodic(0, periodMs, id -> sample());
  }

  private void sample() {
    if (busy) {
      return;
    }
    busy = true;
    long at = System.currentTimeMillis();
    pool.query(query).execute().onComplete(ar -> {
      busy = false;
      if (ar.failed()) {
        error = ar.cause().toString();
        return;
      }
      long depth = ar.result().iterator().next().getLong(0);
      synchronized (this) {
        samples.add(new JsonArray().add(at).add(depth));
        max = Math.max(max, depth);
      }
      last = depth;
      lastAtMs = at;
    });
  }

  /**
   * PostgreSQL's own counters, for what the load cost it: transactions (committed and rolled
   * back; each statement the service sends outside a transaction is one), WAL flushes to disk
   * (pg_stat_wal.wal_sync: how well commits were grouped) and WAL bytes. PostgreSQL publishes
   * them at most a second late, which a window of seconds absorbs.
   */
  static final String COUNTERS = "SELECT (SELECT xact_commit + xact_rollback FROM pg_stat_database "
    + "WHERE datname = current_database()), w.wal_sync, w.wal_bytes::bigint FROM pg_stat_wal w";

  io.vertx.core.Future<long[]> counters() {
    return pool.query(COUNTERS).execute().map(rows -> {
      io.vertx.sqlclient.Row r = rows.iterator().next();
      return new long[] {r.getLong(0), r.getLong(1), r.getLong(2)};
    });
  }

  /** The last depth read (-1: none yet), and when it was asked. */
  long last() {
    return last;
  }

  long lastAtMs() {
    return lastAtMs;
  }

  synchronized long max() {
    return max;
  }

  synchronized JsonArray samples() {
    return samples.copy();
  }

  String error() {
    return error;
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    pool.close();
  }
}

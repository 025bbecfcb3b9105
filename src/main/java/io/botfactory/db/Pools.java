package io.botfactory.db;

import io.botfactory.config.DbSettings;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds the database pools from configuration: a service verticle's request-path pool, whose
 * bounded waits turn a database outage into fast failures (503) rather than queued requests, and
 * a background worker's, which waits its turn; prepared statements cached in both.
 */
public final class Pools {

  /** How long a worker's work waits for a connection before it is given up and done later. */
  public static final int WORKER_WAIT_MS = 10_000;

  private Pools() {
  }

  /**
   * A pool for one of {@code instances} instances of a service verticle: the configured pool size
   * is the node's total for that service, shared out between its instances. A request waits for a
   * connection no longer than the connect timeout, so that an overloaded or unreachable database
   * turns into fast 503s. Each instance's pool is named apart ({@code bots-0}, {@code bots-1},
   * ...): Micrometer registers a gauge once per name, so pools sharing one name had their usage
   * ratio reported against the first pool's size alone (1.5 for a node using three quarters of
   * its connections).
   */
  public static Pool create(Vertx vertx, DbSettings db, String name, int instances) {
    return build(vertx, db, name, instances, db.connectTimeoutMs(), db.maxWaitQueue(), false);
  }

  /**
   * A pool for a background worker (one instance per node; {@code share}: it gets that fraction
   * of the configured size, 1 for all of it). Its work may wait {@value #WORKER_WAIT_MS} ms for a
   * connection, longer than a request may, and its waits are not counted: the request path's
   * bounded queue ({@code BOTFACTORY_DB_MAX_WAIT_QUEUE}) sheds load fast, but a worker is its own
   * load, and refusing it at once only makes it try again. Measured with 1,000 bots: the update
   * workers' reads and outcome writes overflowed a queue of 1,024 tens of thousands of times a
   * minute, and an outcome refused for as long as a hold lasts is a reply sent twice. Their
   * number stays bounded by the work the worker holds.
   *
   * <p>With {@code asyncCommits}, a commit of this pool's sessions returns before its WAL is on
   * disk ({@code synchronous_commit=off}; PostgreSQL writes it within a fraction of a second).
   * Only for work that is done again, not lost, if a database crash takes its last commits back;
   * a statement that must be durable sets {@code synchronous_commit} back on in its own
   * transaction.
   */
  public static Pool forWorker(Vertx vertx, DbSettings db, String name, int share, boolean asyncCommits) {
    return build(vertx, db, name, share, WORKER_WAIT_MS, -1, asyncCommits);
  }

  /** {@code waitQueue}: how many may wait for a connection (-1: any number, each for {@code waitMs} at most). */
  private static Pool build(Vertx vertx, DbSettings db, String name, int instances, int waitMs, int waitQueue,
                            boolean asyncCommits) {
    int size = Math.max(1, (db.poolSize() + instances - 1) / instances);
    PgConnectOptions connect = db.location().connectOptions();
    Map<String, String> session = new HashMap<>(connect.getProperties());
    // Every statement here has one good plan whatever its parameters (index lookups by key, the
    // list by its index). PostgreSQL's default would, once a table's data is skewed (one client
    // with a million bots), keep re-planning each execution because the generic plan's estimate
    // looks worse: measured at 2.6x the database CPU per GET /bots/me. bench/floor.sh runs the
    // floor with the same setting.
    session.put("plan_cache_mode", "force_generic_plan");
    if (asyncCommits) {
      session.put("synchronous_commit", "off");
    }
    // A statement stuck behind a lock, or slow, is cancelled once its caller has stopped waiting,
    // so it cannot keep its connection (and the pool) past the bus timeout. A background worker,
    // which may wait longer for a connection, may run a statement as long.
    session.put("statement_timeout", Integer.toString(Math.max(db.statementTimeoutMs(), waitMs)));
    // The server notices within about 25 s that a node has vanished, ends its sessions and
    // releases their locks, instead of waiting hours for the operating system's defaults.
    session.put("tcp_keepalives_idle", "10");
    session.put("tcp_keepalives_interval", "5");
    session.put("tcp_keepalives_count", "3");
    session.put("tcp_user_timeout", "25000");
    connect.setProperties(session)
      .setCachePreparedStatements(true)
      .setPreparedStatementCacheMaxSize(db.preparedStatementCacheSize())
      .setPipeliningLimit(db.pipeliningLimit())
      .setReconnectAttempts(0);
    PoolOptions pool = new PoolOptions()
      .setName(name + "-" + PoolNumbers.next(vertx, name))
      .setMaxSize(size)
      .setMaxWaitQueueSize(waitQueue)
      .setConnectionTimeout(waitMs)
      .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
      .setIdleTimeout(db.idleTimeoutSeconds())
      .setIdleTimeoutUnit(TimeUnit.SECONDS)
      .setMaxLifetime(db.maxLifetimeSeconds())
      .setMaxLifetimeUnit(TimeUnit.SECONDS)
      .setPoolCleanerPeriod(1000);
    // TCP connect timeout: a database host that does not answer fails fast instead of hanging;
    // keepalive on our side too, its timings left to the operating system (docs/security.md,
    // "The database"). Vert.x 5.0.7's PostgreSQL driver ignores these socket options
    // (vertx-sql-client#1608); 5.0.10 applies them.
    NetClientOptions net = new NetClientOptions().setConnectTimeout(db.connectTimeoutMs()).setTcpKeepAlive(true);
    return PgBuilder.pool().with(pool).with(net).connectingTo(connect).using(vertx).build();
  }
}

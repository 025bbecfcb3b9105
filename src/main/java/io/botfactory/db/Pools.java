package io.botfactory.db;

import io.botfactory.app.AppConfig;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.util.concurrent.TimeUnit;

/**
 * Builds the request-path pool of a storage verticle from configuration: prepared statements
 * cached, bounded waits everywhere, so that a database outage turns into fast failures (503)
 * rather than queued requests.
 */
public final class Pools {

  private Pools() {
  }

  /**
   * A pool for one of {@code instances} instances of a service verticle: the configured pool size
   * is the node's total for that service, shared out between its instances.
   */
  public static Pool create(Vertx vertx, AppConfig.Db db, String name, int instances) {
    int size = Math.max(1, (db.poolSize() + instances - 1) / instances);
    PgConnectOptions connect = Database.fromUrl(db.url()).connectOptions()
      .setCachePreparedStatements(true)
      .setPreparedStatementCacheMaxSize(db.preparedStatementCacheSize())
      .setPipeliningLimit(db.pipeliningLimit())
      .setReconnectAttempts(0);
    PoolOptions pool = new PoolOptions()
      .setName(name)
      .setMaxSize(size)
      .setMaxWaitQueueSize(db.maxWaitQueue())
      .setConnectionTimeout(db.connectTimeoutMs())
      .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
      .setIdleTimeout(db.idleTimeoutSeconds())
      .setIdleTimeoutUnit(TimeUnit.SECONDS)
      .setMaxLifetime(db.maxLifetimeSeconds())
      .setMaxLifetimeUnit(TimeUnit.SECONDS)
      .setPoolCleanerPeriod(1000);
    // TCP connect timeout: a database host that does not answer fails fast instead of hanging.
    NetClientOptions net = new NetClientOptions().setConnectTimeout(db.connectTimeoutMs());
    return PgBuilder.pool().with(pool).with(net).connectingTo(connect).using(vertx).build();
  }
}

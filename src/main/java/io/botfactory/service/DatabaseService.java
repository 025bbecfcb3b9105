package io.botfactory.service;

import io.botfactory.bus.Address;
import io.botfactory.bus.HealthRequest;
import io.botfactory.bus.ServiceEndpoints;
import io.botfactory.config.DbSettings;
import io.botfactory.db.Pools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;

/**
 * The life cycle every service verticle with a database shares. Start: its pool (its share of
 * the node's pool size), whatever the service prepares, then its addresses and its health
 * address (answered after a round trip to the database). Stop: withdraw the addresses, answer
 * the requests already received (see {@link ServiceEndpoints}), release the service's own
 * resources, and only then close the pool.
 */
public abstract class DatabaseService extends VerticleBase {

  private final DbSettings db;
  private final String poolName;
  private final Address<HealthRequest> health;
  private final long drainMs;
  private ServiceEndpoints endpoints;
  private Pool pool;

  /** {@code drainMs}: how long a stop waits for requests in flight (as long as their callers wait). */
  protected DatabaseService(DbSettings db, String poolName, Address<HealthRequest> health, long drainMs) {
    this.db = db;
    this.poolName = poolName;
    this.health = health;
    this.drainMs = drainMs;
  }

  @Override
  public final Future<?> start() {
    pool = Pools.create(vertx, db, poolName, context.getInstanceCount());
    endpoints = new ServiceEndpoints(vertx);
    return prepare(pool).compose(v -> Future.all(bind(endpoints), endpoints.bind(health, body -> DatabaseCheck.run(pool))));
  }

  @Override
  public final Future<?> stop() {
    return endpoints.close(drainMs).compose(v -> {
      release();
      return pool.close();
    });
  }

  /** Builds the service's stores on {@code pool}, and whatever must be ready before requests come. */
  protected abstract Future<Void> prepare(Pool pool);

  /** Binds the service's addresses; completes once every registration has propagated. */
  protected abstract Future<?> bind(ServiceEndpoints endpoints);

  /** Releases what {@link #prepare} acquired besides the pool (timers, worker pools). */
  protected void release() {
  }
}

package io.botfactory.config;

import static io.botfactory.config.ConfigKey.BUS_TIMEOUT_MS;
import static io.botfactory.config.ConfigKey.DATABASE_URL;
import static io.botfactory.config.ConfigKey.DB_CONNECT_TIMEOUT_MS;
import static io.botfactory.config.ConfigKey.DB_IDLE_TIMEOUT_S;
import static io.botfactory.config.ConfigKey.DB_MAX_LIFETIME_S;
import static io.botfactory.config.ConfigKey.DB_MAX_WAIT_QUEUE;
import static io.botfactory.config.ConfigKey.DB_PIPELINING_LIMIT;
import static io.botfactory.config.ConfigKey.DB_POOL_SIZE;
import static io.botfactory.config.ConfigKey.DB_PREPARED_CACHE_SIZE;

/**
 * PostgreSQL and the request-path pools. An empty {@code url} means dev mode (embedded
 * PostgreSQL). {@code statementTimeoutMs} is the bus timeout: a statement that runs longer has
 * no caller left to answer, so the database cancels it and the connection returns to the pool.
 */
public record DbSettings(String url, int poolSize, int maxWaitQueue, int connectTimeoutMs, int idleTimeoutSeconds,
                         int maxLifetimeSeconds, int preparedStatementCacheSize, int pipeliningLimit,
                         int statementTimeoutMs) {

  static DbSettings read(ConfigReader r) {
    DbSettings db = new DbSettings(
      r.text(DATABASE_URL),
      r.intAtLeast(DB_POOL_SIZE, 1),
      r.intAtLeast(DB_MAX_WAIT_QUEUE, 1),
      r.intAtLeast(DB_CONNECT_TIMEOUT_MS, 100),
      r.intAtLeast(DB_IDLE_TIMEOUT_S, 1),
      r.intAtLeast(DB_MAX_LIFETIME_S, 1),
      r.intAtLeast(DB_PREPARED_CACHE_SIZE, 1),
      r.intAtLeast(DB_PIPELINING_LIMIT, 1),
      r.intAtLeast(BUS_TIMEOUT_MS, 100));
    if (db.configured()) {
      db.location(); // a URL that does not parse stops the start, with its one-line reason
    }
    return db;
  }

  public boolean configured() {
    return !url.isBlank();
  }

  /** Where the database is; fails with a ConfigException when the URL does not parse. */
  public DatabaseUrl location() {
    return DatabaseUrl.parse(url);
  }

  /** The same settings for a service whose statements may run {@code ms} (longer than the bus timeout). */
  public DbSettings withStatementTimeoutMs(long ms) {
    return new DbSettings(url, poolSize, maxWaitQueue, connectTimeoutMs, idleTimeoutSeconds, maxLifetimeSeconds,
      preparedStatementCacheSize, pipeliningLimit, (int) ms);
  }

  DbSettings withUrl(String newUrl) {
    return new DbSettings(newUrl, poolSize, maxWaitQueue, connectTimeoutMs, idleTimeoutSeconds, maxLifetimeSeconds,
      preparedStatementCacheSize, pipeliningLimit, statementTimeoutMs);
  }
}

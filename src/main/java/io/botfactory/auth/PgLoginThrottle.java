package io.botfactory.auth;

import io.botfactory.app.AppConfig;
import io.botfactory.bus.Failure;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.Locale;

/**
 * {@link LoginThrottle} on PostgreSQL, the store every auth node already shares: one atomic
 * upsert per attempt counts it for the email and for the source and returns both counts, so
 * the limit holds across nodes and under concurrency, and the window is measured on the
 * database's clock, not on each node's.
 */
class PgLoginThrottle implements LoginThrottle {

  /** $1 email key, $2 source key, $3 window seconds. A passed window starts over at this attempt. */
  static final String COUNT_ATTEMPT =
    "INSERT INTO login_failures AS f (key, window_start, failures) "
      + "VALUES ($1, clock_timestamp(), 1), ($2, clock_timestamp(), 1) "
      + "ON CONFLICT (key) DO UPDATE SET "
      + "  failures = CASE WHEN f.window_start + make_interval(secs => $3) <= clock_timestamp() THEN 1 ELSE f.failures + 1 END, "
      + "  window_start = CASE WHEN f.window_start + make_interval(secs => $3) <= clock_timestamp() "
      + "    THEN clock_timestamp() ELSE f.window_start END "
      + "RETURNING f.key, f.failures, "
      + "  greatest(1, ceil(extract(epoch FROM f.window_start + make_interval(secs => $3) - clock_timestamp())))::bigint AS retry_after";

  /** $1 email key, $2 source key. */
  static final String SUCCEEDED =
    "WITH forgotten AS (DELETE FROM login_failures WHERE key = $1) "
      + "UPDATE login_failures SET failures = greatest(failures - 1, 0) WHERE key = $2";

  /** $1 window seconds. */
  static final String PURGE =
    "DELETE FROM login_failures WHERE window_start + make_interval(secs => $1) <= clock_timestamp()";

  private final Pool pool;
  private final AppConfig.Login limits;

  PgLoginThrottle(Pool pool, AppConfig.Login limits) {
    this.pool = pool;
    this.limits = limits;
  }

  @Override
  public Future<Void> attempt(String email, String source) {
    String emailKey = emailKey(email);
    return pool.preparedQuery(COUNT_ATTEMPT).execute(Tuple.of(emailKey, sourceKey(source), limits.windowSeconds()))
      .compose(rows -> {
        long wait = 0;
        for (Row row : rows) {
          int max = row.getString("key").equals(emailKey) ? limits.maxFailuresPerEmail() : limits.maxFailuresPerSource();
          if (row.getInteger("failures") > max) {
            wait = Math.max(wait, row.getLong("retry_after"));
          }
        }
        return wait > 0
          ? Future.failedFuture(Failure.THROTTLED.exception(Long.toString(wait)))
          : Future.succeededFuture();
      });
  }

  @Override
  public Future<Void> succeeded(String email, String source) {
    return pool.preparedQuery(SUCCEEDED).execute(Tuple.of(emailKey(email), sourceKey(source))).mapEmpty();
  }

  @Override
  public Future<Void> purgeExpired() {
    return pool.preparedQuery(PURGE).execute(Tuple.of(limits.windowSeconds())).mapEmpty();
  }

  private static String emailKey(String email) {
    return "email:" + email.strip().toLowerCase(Locale.ROOT);
  }

  private static String sourceKey(String source) {
    return "source:" + source;
  }
}

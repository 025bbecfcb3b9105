package io.botfactory.auth;

import io.botfactory.config.ThrottleSettings;
import io.botfactory.bus.Failure;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.Locale;

/**
 * {@link LoginThrottle} on PostgreSQL, the store every auth node already shares, so the limits
 * hold across nodes and restarts; windows are measured on the database's clock, not on each
 * node's. Failures are counted when they happen, so any number of concurrent logins with the
 * right password succeed; the price is that guesses already past the check when the limit is
 * reached still get their answer (at most the attempts in flight, which the Argon2 queue bounds).
 */
class PgLoginThrottle implements LoginThrottle {

  /** $1 email key, $2 source key, $3 window seconds, $4 email limit, $5 source limit. */
  static final String CHECK =
    "SELECT key, failures >= CASE WHEN key = $1 THEN $4::int ELSE $5::int END AS blocked, "
      + "  greatest(1, ceil(extract(epoch FROM window_start + make_interval(secs => $3) - clock_timestamp())))::bigint "
      + "  AS retry_after "
      + "FROM login_failures "
      + "WHERE key IN ($1, $2) AND window_start + make_interval(secs => $3) > clock_timestamp()";

  /** $1 email key, $2 source key, $3 window seconds. A window that has passed starts over at this failure. */
  static final String COUNT_FAILURE =
    "INSERT INTO login_failures AS f (key, window_start, failures) "
      + "VALUES ($1, clock_timestamp(), 1), ($2, clock_timestamp(), 1) "
      + "ON CONFLICT (key) DO UPDATE SET "
      + "  failures = CASE WHEN f.window_start + make_interval(secs => $3) <= clock_timestamp() THEN 1 ELSE f.failures + 1 END, "
      + "  window_start = CASE WHEN f.window_start + make_interval(secs => $3) <= clock_timestamp() "
      + "    THEN clock_timestamp() ELSE f.window_start END";

  /** $1 email key. */
  static final String FORGET = "DELETE FROM login_failures WHERE key = $1";

  /** $1 window seconds. */
  static final String PURGE =
    "DELETE FROM login_failures WHERE window_start + make_interval(secs => $1) <= clock_timestamp()";

  private final Pool pool;
  private final ThrottleSettings limits;

  PgLoginThrottle(Pool pool, ThrottleSettings limits) {
    this.pool = pool;
    this.limits = limits;
  }

  @Override
  public Future<Boolean> check(String email, String source) {
    String emailKey = emailKey(email);
    Tuple params = Tuple.of(emailKey, sourceKey(source), limits.windowSeconds(), limits.maxFailuresPerEmail(),
      limits.maxFailuresPerSource());
    return pool.preparedQuery(CHECK).execute(params).compose(rows -> {
      long wait = 0;
      boolean emailOnRecord = false;
      for (Row row : rows) {
        emailOnRecord |= row.getString("key").equals(emailKey);
        if (row.getBoolean("blocked")) {
          wait = Math.max(wait, row.getLong("retry_after"));
        }
      }
      return wait > 0
        ? Future.failedFuture(Failure.THROTTLED.exception(Long.toString(wait)))
        : Future.succeededFuture(emailOnRecord);
    });
  }

  @Override
  public Future<Void> failed(String email, String source) {
    return pool.preparedQuery(COUNT_FAILURE).execute(Tuple.of(emailKey(email), sourceKey(source), limits.windowSeconds()))
      .mapEmpty();
  }

  @Override
  public Future<Void> succeeded(String email) {
    return pool.preparedQuery(FORGET).execute(Tuple.of(emailKey(email))).mapEmpty();
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

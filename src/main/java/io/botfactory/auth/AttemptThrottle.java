package io.botfactory.auth;

import io.botfactory.bus.Failure;
import io.botfactory.config.ThrottleSettings;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Login and sign-up throttling on the {@code auth_attempts} table, which every auth node shares,
 * so the limits hold across nodes and restarts; windows run on the database's clock.
 *
 * <p>An attempt is counted <em>before</em> the password is checked, atomically, and only while
 * its key is under the limit: of any number of concurrent guesses, at most the limit are ever
 * checked within one window; the others get 429. A login that succeeds gives its count back
 * (it was no failure), and so does any attempt that was counted but never checked (the hashing
 * queue was full, or the caller had gone), so that neither a user nor a login storm locks an
 * account. The price: while the limit's worth of attempts for an email are being checked, one
 * more attempt for it, even with the right password, gets 429.
 */
final class AttemptThrottle {

  /**
   * $1 email key, $2 source key, $3 email limit, $4 source limit, $5 window seconds. A key is
   * counted when its window has passed (it starts over), or while it is under its limit; one row
   * per key, {@code counted_until} null for a key that is at its limit.
   */
  static final String COUNT_LOGIN =
    "WITH counted AS (INSERT INTO auth_attempts AS a (key, expires_at, attempts) "
      + "  VALUES ($1, clock_timestamp() + make_interval(secs => $5), 1), ($2, clock_timestamp() + make_interval(secs => $5), 1) "
      + "  ON CONFLICT (key) DO UPDATE SET "
      + "    attempts = CASE WHEN a.expires_at <= clock_timestamp() OR a.attempts = 0 THEN 1 ELSE a.attempts + 1 END, "
      + "    expires_at = CASE WHEN a.expires_at <= clock_timestamp() OR a.attempts = 0 THEN excluded.expires_at ELSE a.expires_at END "
      + "  WHERE a.expires_at <= clock_timestamp() OR a.attempts < CASE WHEN a.key = $1 THEN $3::int ELSE $4::int END "
      + "  RETURNING a.key, a.expires_at) "
      + "SELECT k.key, c.expires_at AS counted_until, "
      + "  greatest(1, ceil(extract(epoch FROM a.expires_at - clock_timestamp())))::bigint AS retry_after "
      + "FROM (VALUES ($1::text), ($2::text)) AS k(key) "
      + "LEFT JOIN counted c ON c.key = k.key LEFT JOIN auth_attempts a ON a.key = k.key";

  /** $1 key, $2 limit, $3 window seconds: {@link #COUNT_LOGIN} for one key. */
  static final String COUNT_ONE =
    "WITH counted AS (INSERT INTO auth_attempts AS a (key, expires_at, attempts) "
      + "  VALUES ($1, clock_timestamp() + make_interval(secs => $3), 1) "
      + "  ON CONFLICT (key) DO UPDATE SET "
      + "    attempts = CASE WHEN a.expires_at <= clock_timestamp() OR a.attempts = 0 THEN 1 ELSE a.attempts + 1 END, "
      + "    expires_at = CASE WHEN a.expires_at <= clock_timestamp() OR a.attempts = 0 THEN excluded.expires_at ELSE a.expires_at END "
      + "  WHERE a.expires_at <= clock_timestamp() OR a.attempts < $2::int "
      + "  RETURNING a.key, a.expires_at) "
      + "SELECT k.key, c.expires_at AS counted_until, "
      + "  greatest(1, ceil(extract(epoch FROM a.expires_at - clock_timestamp())))::bigint AS retry_after "
      + "FROM (VALUES ($1::text)) AS k(key) "
      + "LEFT JOIN counted c ON c.key = k.key LEFT JOIN auth_attempts a ON a.key = k.key";

  /** $1 keys, $2 the window end each was counted in: a count is given back only within that same window. */
  static final String GIVE_BACK =
    "UPDATE auth_attempts a SET attempts = a.attempts - 1 "
      + "FROM unnest($1::text[], $2::timestamptz[]) AS g(key, expires_at) "
      + "WHERE a.key = g.key AND a.expires_at = g.expires_at AND a.attempts > 0";

  /** Compares the column with a bound computed once (now() is stable), so the index on expires_at serves it. */
  static final String PURGE = "DELETE FROM auth_attempts WHERE expires_at < now()";

  private final Pool pool;
  private final ThrottleSettings limits;

  AttemptThrottle(Pool pool, ThrottleSettings limits) {
    this.pool = pool;
    this.limits = limits;
  }

  /** Counts a login for the (canonical) email and the source address; THROTTLED, counting nothing, when either is at its limit. */
  Future<Attempt> login(String canonicalEmail, String source) {
    Tuple params = Tuple.of("email:" + canonicalEmail, "source:" + SourceAddress.key(source), limits.maxFailuresPerEmail(),
      limits.maxFailuresPerSource(), limits.windowSeconds());
    return pool.preparedQuery(COUNT_LOGIN).execute(params).compose(rows -> attemptOrThrottled(rows, limits.windowSeconds()));
  }

  /** Counts a sign-up from the source address; THROTTLED when it is at its limit. */
  Future<Attempt> signUp(String source) {
    Tuple params = Tuple.of("signup:" + SourceAddress.key(source), limits.maxSignUpsPerSource(), limits.signUpWindowSeconds());
    return pool.preparedQuery(COUNT_ONE).execute(params).compose(rows -> attemptOrThrottled(rows, limits.signUpWindowSeconds()));
  }

  /** The attempt succeeded, or was never checked: its counts are given back. */
  Future<Void> giveBack(Attempt attempt) {
    if (attempt.keys().isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery(GIVE_BACK)
      .execute(Tuple.tuple().addValue(attempt.keys().toArray(new String[0]))
        .addValue(attempt.windows().toArray(new OffsetDateTime[0])))
      .mapEmpty();
  }

  /** Forgets windows that have passed. */
  Future<Void> purgeExpired() {
    return pool.query(PURGE).execute().mapEmpty();
  }

  /** All keys counted: the attempt. A key at its limit: 429 with the longest wait, once the other keys' counts are given back. */
  private Future<Attempt> attemptOrThrottled(RowSet<Row> rows, long window) {
    List<String> keys = new ArrayList<>();
    List<OffsetDateTime> windows = new ArrayList<>();
    long wait = 0;
    for (Row row : rows) {
      OffsetDateTime countedUntil = row.getOffsetDateTime("counted_until");
      if (countedUntil != null) {
        keys.add(row.getString("key"));
        windows.add(countedUntil);
      } else {
        Long retryAfter = row.getLong("retry_after");
        wait = Math.max(wait, retryAfter == null ? window : retryAfter);
      }
    }
    Attempt attempt = new Attempt(List.copyOf(keys), List.copyOf(windows));
    if (wait == 0) {
      return Future.succeededFuture(attempt);
    }
    String seconds = Long.toString(wait);
    return giveBack(attempt).transform(ar -> Future.failedFuture(Failure.THROTTLED.exception(seconds)));
  }

  /** The keys an attempt was counted under, each with the end of the window it was counted in. */
  record Attempt(List<String> keys, List<OffsetDateTime> windows) {
  }
}

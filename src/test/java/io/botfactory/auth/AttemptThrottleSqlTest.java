package io.botfactory.auth;

import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The throttle's SQL as PostgreSQL plans it. */
@ExtendWith(VertxExtension.class)
class AttemptThrottleSqlTest {

  /**
   * The periodic purge finds expired rows through the index on {@code expires_at}: it compares
   * the column itself with a bound computed once. (It computed {@code window_start + interval}
   * per row against the volatile clock_timestamp(), which no index can serve: with sequential
   * scans priced out, the plan still had to read the whole table.)
   */
  @Test
  void thePurgeUsesTheExpiryIndex(Vertx vertx) {
    TestStack.shared();
    PgConnection connection = PgConnection.connect(vertx, PgConnectOptions.fromUri(TestDatabase.url())).await();
    try {
      connection.query("SET enable_seqscan = off").execute().await();
      String plan = StreamSupport.stream(connection.query("EXPLAIN " + AttemptThrottle.PURGE).execute().await().spliterator(), false)
        .map(row -> row.getString(0)).collect(Collectors.joining("\n"));
      assertThat(plan).contains("auth_attempts_expires_idx").doesNotContain("Seq Scan");
    } finally {
      connection.close().await();
    }
  }
}

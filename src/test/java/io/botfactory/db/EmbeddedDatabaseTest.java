package io.botfactory.db;

import io.botfactory.support.Sql;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded database of dev mode keeps what it acknowledged: a commit returns only once its
 * WAL is on disk (fsync and synchronous_commit on), so the 200 a webhook delivery gets, or the
 * 201 of a new bot, survives PostgreSQL or the machine crashing right after. zonky starts
 * PostgreSQL with both off; bench/run.sh found synchronous_commit still off.
 */
@ExtendWith(VertxExtension.class)
class EmbeddedDatabaseTest {

  @Test
  void aDurableDatabaseFlushesEveryCommit(Vertx vertx, @TempDir Path dir) {
    try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("pg"), true); Sql sql = new Sql(vertx, database.url())) {
      assertThat(sql.query("SHOW fsync").iterator().next().getString(0)).isEqualTo("on");
      assertThat(sql.query("SHOW synchronous_commit").iterator().next().getString(0)).isEqualTo("on");
    }
  }
}

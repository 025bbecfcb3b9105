package io.botfactory.app;

import io.botfactory.support.Sql;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded PostgreSQL of dev mode, as the node configures it: what it promises about the data it keeps. */
@ExtendWith(VertxExtension.class)
class DevModeDatabaseTest {

  private TestStack node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.stop();
    }
  }

  /** A 201 is sent after the commit; the commit must be on disk by then, or a crash can take it back. */
  @Test
  void everyCommitIsOnDiskBeforeItIsAcknowledged(Vertx vertx, @TempDir Path dataDir) {
    node = TestStack.start(TestStack.devConfig(dataDir));
    try (Sql sql = new Sql(vertx, node.app.config().db().url())) {
      assertThat(setting(sql, "synchronous_commit")).isEqualTo("on");
      assertThat(setting(sql, "fsync")).isEqualTo("on");
      assertThat(setting(sql, "full_page_writes")).isEqualTo("on");
    }
  }

  private static String setting(Sql sql, String name) {
    return sql.query("SELECT setting FROM pg_settings WHERE name = $1", name).iterator().next().getString(0);
  }
}

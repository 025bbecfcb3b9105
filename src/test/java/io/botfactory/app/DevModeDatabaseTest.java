package io.botfactory.app;

import io.botfactory.config.AppConfig;
import io.botfactory.config.ConfigException;
import io.botfactory.support.Api;
import io.botfactory.support.DevData;
import io.botfactory.support.Sql;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded PostgreSQL of dev mode, as the node configures it: what it promises about the
 * data it keeps, and who may open it. Tests that are not about the first start begin on a data
 * directory as a first start leaves it ({@link DevData}).
 */
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
    DevData.seed(dataDir);
    node = TestStack.start(TestStack.devConfig(dataDir));
    try (Sql sql = new Sql(vertx, node.app.config().db().url())) {
      assertThat(setting(sql, "synchronous_commit")).isEqualTo("on");
      assertThat(setting(sql, "fsync")).isEqualTo("on");
      assertThat(setting(sql, "full_page_writes")).isEqualTo("on");
    }
  }

  /**
   * Only the node, with the password it generated (kept in secrets.json), can connect: not any
   * local user, not without a password, not with another one.
   */
  @Test
  void onlyTheGeneratedPasswordOpensTheDatabase(Vertx vertx, @TempDir Path dataDir) throws IOException {
    node = TestStack.start(TestStack.devConfig(dataDir));
    PgConnectOptions granted = node.app.config().db().location().connectOptions();
    assertThat(granted.getPassword()).isEqualTo(new JsonObject(Files.readString(dataDir.resolve("secrets.json")))
      .getString("embedded_postgres_password")).hasSizeGreaterThanOrEqualTo(32);

    assertRefused(vertx, withoutPassword(granted));
    assertRefused(vertx, withoutPassword(granted).setPassword(""));
    assertRefused(vertx, withoutPassword(granted).setPassword(granted.getPassword() + "x"));
    assertRefused(vertx, withoutPassword(granted).setUser(System.getProperty("user.name")));
    try (Sql sql = new Sql(vertx, node.app.config().db().url())) {
      assertThat(sql.query("SELECT DISTINCT auth_method FROM pg_hba_file_rules").iterator().next().getString(0))
        .isEqualTo("scram-sha-256");
      assertThat(sql.query("SELECT count(*) FROM pg_hba_file_rules WHERE auth_method <> 'scram-sha-256' OR error IS NOT NULL")
        .iterator().next().getLong(0)).isZero();
    }
  }

  /**
   * A data directory an earlier version made under trust (zonky's default, as that version ran
   * it) keeps its data and is switched to the password at the first start, for good.
   */
  @Test
  void aDatabaseMadeUnderTrustKeepsItsDataAndGetsThePassword(Vertx vertx, @TempDir Path dataDir) throws Exception {
    try (EmbeddedPostgres legacy = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
      .setCleanDataDirectory(false).start();
         Connection connection = legacy.getPostgresDatabase().getConnection();
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA earlier; CREATE TABLE earlier.kept (answer int); INSERT INTO earlier.kept VALUES (42)");
    }
    Files.writeString(dataDir.resolve("secrets.json"), new JsonObject()
      .put("BOTFACTORY_JWT_SECRET", "an-earlier-secret-0123456789abcdef0123456789abcdef")
      .put("BOTFACTORY_TOKEN_KEY", TestStack.TOKEN_KEY).encode());

    for (int start = 1; start <= 2; start++) {
      node = TestStack.start(TestStack.devConfig(dataDir));
      PgConnectOptions granted = node.app.config().db().location().connectOptions();
      assertRefused(vertx, withoutPassword(granted));
      try (Sql sql = new Sql(vertx, node.app.config().db().url())) {
        assertThat(sql.query("SELECT answer FROM earlier.kept").iterator().next().getInteger(0)).isEqualTo(42);
        assertThat(sql.query("SELECT count(*) FROM pg_hba_file_rules WHERE auth_method <> 'scram-sha-256'")
          .iterator().next().getLong(0)).as("start " + start).isZero();
      }
      assertThat(new Api(vertx, node.port).newAccount().id()).isNotEmpty();
      node.stop();
      node = null;
    }
  }

  /**
   * A postmaster killed with SIGKILL leaves its pid file, and PostgreSQL refuses to start while the
   * pid it names is alive. After a crash that pid may be anyone's: a postmaster not reaped yet, a
   * process that got the number since, or, in a container restarted after an OOM kill, a thread of
   * the new JVM. None of them is a PostgreSQL of this directory: the node starts on its data all the
   * same, and leaves the stranger alone.
   */
  @Test
  void aPidFileLeftByACrashNamingALiveStrangerDoesNotStopTheStart(Vertx vertx, @TempDir Path dataDir) throws Exception {
    DevData.seed(dataDir);
    node = TestStack.start(TestStack.devConfig(dataDir));
    Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
    List<String> crashed = Files.readAllLines(pidFile);
    Api.Account account = new Api(vertx, node.port).newAccount();
    node.stop();
    node = null;

    Process stranger = new ProcessBuilder("sleep", "300").start();
    long ownThread = Files.list(Path.of("/proc/self/task")).map(t -> Long.parseLong(t.getFileName().toString()))
      .filter(tid -> tid != ProcessHandle.current().pid()).findFirst().orElseThrow();
    try {
      for (long pid : new long[] {stranger.pid(), ownThread}) {
        List<String> left = new java.util.ArrayList<>(crashed);
        left.set(0, String.valueOf(pid));
        Files.write(pidFile, left);
        long started = System.nanoTime();
        node = TestStack.start(TestStack.devConfig(dataDir));
        assertThat((System.nanoTime() - started) / 1_000_000).as("start with the pid file naming %d", pid).isLessThan(30_000L);
        assertThat(new Api(vertx, node.port).login(account.email(), account.password()).statusCode()).isEqualTo(200);
        node.stop();
        node = null;
      }
      assertThat(stranger.isAlive()).as("the stranger is left alone").isTrue();
    } finally {
      stranger.destroyForcibly();
    }
  }

  /** Without secrets.json, the node would make a new password the database does not know: it says so at once. */
  @Test
  void aLostPasswordIsAOneLineReasonNotAHang(@TempDir Path dataDir) throws IOException {
    DevData.seed(dataDir);
    node = TestStack.start(TestStack.devConfig(dataDir));
    node.stop();
    node = null;
    Files.delete(dataDir.resolve("secrets.json"));

    AppConfig config = AppConfig.from(TestStack.devConfig(dataDir));
    Vertx vertx = Vertx.vertx();
    try {
      assertThatThrownBy(() -> Application.start(vertx, config, "unused").await())
        .isInstanceOf(ConfigException.class).hasMessageContaining("has lost the password of the embedded PostgreSQL");
    } finally {
      vertx.close().await();
    }
  }

  /** Where {@code granted} connects, as {@code postgres}, with no password. */
  private static PgConnectOptions withoutPassword(PgConnectOptions granted) {
    return new PgConnectOptions().setHost(granted.getHost()).setPort(granted.getPort()).setDatabase(granted.getDatabase())
      .setUser("postgres");
  }

  private static void assertRefused(Vertx vertx, PgConnectOptions options) {
    assertThatThrownBy(() -> PgConnection.connect(vertx, options).await().close().await())
      .as("connecting as %s with %s", options.getUser(), options.getPassword() == null ? "no password" : "a wrong password")
      .hasMessageContaining("password");
  }

  private static String setting(Sql sql, String name) {
    return sql.query("SELECT setting FROM pg_settings WHERE name = $1", name).iterator().next().getString(0);
  }
}

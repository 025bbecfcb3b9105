package io.botfactory.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The embedded PostgreSQL 17 (zonky) used when no DATABASE_URL is configured: the laptop
 * default. Its data directory persists under the data directory, so a restart keeps accounts
 * and bots. It listens on 127.0.0.1 only, with a free port chosen at each start, and admits
 * only the {@code postgres} role with its password (see {@link PasswordAuthentication}).
 * When started as root, zonky runs PostgreSQL in a user namespace (unshare -U), because
 * PostgreSQL refuses to run as root.
 *
 * <p>Its life cycle is the node's: zonky's own JVM shutdown hook is not registered, because it
 * would stop PostgreSQL at SIGTERM in parallel with the node's graceful stop, under requests
 * still in flight. The node closes this last, after its pools ({@code Application.stop()}).
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  /** The only role: the superuser initdb creates. */
  static final String USER = "postgres";

  private final EmbeddedPostgres postgres;
  private final String password;

  private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
    this.postgres = postgres;
    this.password = password;
  }

  /**
   * Starts PostgreSQL on {@code dataDirectory}, creating the cluster on first use, with
   * {@code password} for the {@code postgres} role. Blocking. {@code durable}: every commit
   * is on disk before it is acknowledged, as data a user expects to keep must be; tests may
   * turn it off.
   */
  public static EmbeddedDatabase start(Path dataDirectory, String password, boolean durable) {
    return start(dataDirectory, password, durable, 0);
  }

  /** As {@link #start(Path, String, boolean)}, on {@code port} (0: a free one), e.g. to come back where clients expect it. */
  public static EmbeddedDatabase start(Path dataDirectory, String password, boolean durable, int port) {
    PasswordAuthentication auth = new PasswordAuthentication(dataDirectory, password);
    try {
      Files.createDirectories(dataDirectory);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(dataDirectory.toFile())
        .setCleanDataDirectory(false)
        .setRegisterShutdownHook(false)
        .setPort(port)
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("max_connections", "200")
        // zonky's start-up check connects as postgres: with the password, once it is required.
        .setConnectConfig("password", password)
        // Runs once zonky holds the data directory's lock, so no live node owns that PostgreSQL.
        .setDataDirectoryCustomizer(dir -> OrphanedPostmaster.stop(dir.toPath()))
        .setPGStartupWait(Duration.ofSeconds(60));
      durability(builder, durable);
      EmbeddedPostgres postgres = auth.start(builder);
      auth.migrateFromTrust(postgres);
      LOG.info("Embedded PostgreSQL running on 127.0.0.1:{} with data in {}", postgres.getPort(), dataDirectory);
      return new EmbeddedDatabase(postgres, password);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory, e);
    }
  }

  /**
   * zonky's defaults trade durability for speed: {@code synchronous_commit=off} (a commit is
   * acknowledged before its WAL is flushed) and {@code -F} (no fsync at all). Either lets a crash
   * lose a write that was answered 201. A {@code -c} setting after {@code -F} wins over it.
   */
  private static void durability(EmbeddedPostgres.Builder builder, boolean durable) {
    builder.setServerConfig("synchronous_commit", durable ? "on" : "off")
      .setServerConfig("fsync", durable ? "on" : "off");
    if (durable) {
      builder.setServerConfig("full_page_writes", "on");
    }
  }

  /**
   * True when the cluster under {@code dataDirectory} already exists and asks for a password, so
   * that only the password it was created with can open it.
   */
  public static boolean requiresKnownPassword(Path dataDirectory) {
    return PasswordAuthentication.requiresPassword(dataDirectory);
  }

  public int port() {
    return postgres.getPort();
  }

  /** The URL the rest of the application uses, exactly as if DATABASE_URL had been set. */
  public String url() {
    return "postgresql://" + USER + ":" + password + "@127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.toString());
    }
  }

  @Override
  public String toString() {
    return "EmbeddedDatabase[127.0.0.1:" + postgres.getPort() + "]";
  }
}

package io.botfactory.support;

import io.botfactory.config.DatabaseUrl;
import io.botfactory.db.EmbeddedDatabase;
import io.botfactory.db.Migrations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One real embedded PostgreSQL for the whole test run (the same zonky PostgreSQL 17 the service
 * uses in dev mode), started on first use and stopped when the JVM exits. Tests isolate their
 * data by using fresh accounts, never by mocking.
 */
public final class TestDatabase {

  private static final String TEMPLATE = "botfactory_template";
  private static EmbeddedDatabase database;
  private static String template;

  private TestDatabase() {
  }

  /** A password for a test database: random, as the node's dev mode makes one. */
  public static String password() {
    byte[] random = new byte[24];
    new java.security.SecureRandom().nextBytes(random);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  public static synchronized String url() {
    if (database == null) {
      try {
        Path dir = Files.createTempDirectory("botfactory-test-pg");
        database = EmbeddedDatabase.start(dir.resolve("postgres"), password(), false);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      EmbeddedDatabase started = database;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close));
    }
    return database.url();
  }

  /**
   * A new database in the test cluster, for a test whose nodes must not share their work with the
   * nodes of other tests (the shared node's webhook workers claim every due row of the shared
   * database, and a node with a public URL of its own makes every bot there due again). It is a
   * copy of a template the migrations were applied to once, so it is there in a few milliseconds;
   * the nodes started on it find their schema up to date.
   */
  public static String fresh(String prefix) {
    String template = template();
    String name = prefix + "_" + java.util.UUID.randomUUID().toString().replace("-", "");
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try (Sql admin = new Sql(vertx)) {
      admin.query("CREATE DATABASE " + name + " TEMPLATE " + template);
    } finally {
      vertx.close().await();
    }
    return at(name);
  }

  /** The migrated database that {@link #fresh} copies, made on first use. */
  private static synchronized String template() {
    if (template == null) {
      io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
      try (Sql admin = new Sql(vertx)) {
        admin.query("CREATE DATABASE " + TEMPLATE);
      } finally {
        vertx.close().await();
      }
      Migrations.apply(DatabaseUrl.parse(at(TEMPLATE)));
      template = TEMPLATE;
    }
    return template;
  }

  private static String at(String name) {
    return url().replaceFirst("/postgres$", "/" + name);
  }
}

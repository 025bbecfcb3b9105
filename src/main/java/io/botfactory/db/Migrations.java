package io.botfactory.db;

import io.botfactory.config.DatabaseUrl;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the Flyway migrations in {@code db/migration} once at start-up. Blocking (JDBC):
 * call it from a worker thread. Flyway's schema lock makes concurrent node starts safe.
 */
public final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {
  }

  public static void apply(DatabaseUrl database) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(database.jdbcUrl());
    database.jdbcProperties().forEach((k, v) -> {
      try {
        dataSource.setProperty(k.toString(), v.toString());
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("bad JDBC property " + k, e);
      }
    });
    Flyway flyway = Flyway.configure()
      .dataSource(dataSource)
      .locations("classpath:db/migration")
      .load();
    MigrateResult result = flyway.migrate();
    LOG.info("Database schema at version {} ({} migration(s) applied now)",
      flyway.info().current().getVersion(), result.migrationsExecuted);
  }
}

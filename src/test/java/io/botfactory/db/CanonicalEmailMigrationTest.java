package io.botfactory.db;

import io.botfactory.config.DatabaseUrl;
import io.botfactory.support.Sql;
import io.botfactory.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V4 on a database that has lived under V3: every account gets its canonical email, look-alike
 * accounts that now clash leave the oldest one its email, and open throttle windows carry over.
 */
@ExtendWith(VertxExtension.class)
class CanonicalEmailMigrationTest {

  @Test
  void existingAccountsGetTheirCanonicalEmail(Vertx vertx) {
    String name = "v3_" + UUID.randomUUID().toString().replace("-", "");
    String url = TestDatabase.url().replaceFirst("/postgres$", "/" + name);
    try (Sql admin = new Sql(vertx)) {
      admin.query("CREATE DATABASE " + name);
    }
    DatabaseUrl database = DatabaseUrl.parse(url);
    Flyway.configure()
      .dataSource(database.jdbcUrl(), "postgres", database.jdbcProperties().getProperty("password")).locations("classpath:db/migration").target("3")
      .load().migrate();
    try (Sql sql = new Sql(vertx, url)) {
      sql.query("INSERT INTO clients (id, email, password_hash, created_at) VALUES "
        + "('00000000-0000-0000-0000-000000000001', 'Ada@Example.com', 'h', '2026-01-01T00:00:00Z'), "
        + "('00000000-0000-0000-0000-000000000002', '\uFF41da@example.com', 'h', '2026-01-02T00:00:00Z'), "
        + "('00000000-0000-0000-0000-000000000003', 'Grace@Example.com', 'h', '2026-01-03T00:00:00Z')");
      sql.query("INSERT INTO login_failures (key, window_start, failures) VALUES "
        + "('email:grace@example.com', now() - interval '1 minute', 4), ('source:192.0.2.1', now() - interval '1 hour', 99)");

      Migrations.apply(database);

      Map<String, String> canonical = new HashMap<>();
      for (Row row : sql.query("SELECT id, email_canonical FROM clients")) {
        canonical.put(row.getUUID("id").toString(), row.getString("email_canonical"));
      }
      assertThat(canonical.get("00000000-0000-0000-0000-000000000001")).isEqualTo("ada@example.com");
      assertThat(canonical.get("00000000-0000-0000-0000-000000000002"))
        .isEqualTo("ada@example.com #00000000-0000-0000-0000-000000000002");
      assertThat(canonical.get("00000000-0000-0000-0000-000000000003")).isEqualTo("grace@example.com");
      Row open = sql.query("SELECT attempts, expires_at > now() AS open FROM auth_attempts WHERE key = 'email:grace@example.com'")
        .iterator().next();
      assertThat(open.getInteger("attempts")).isEqualTo(4);
      assertThat(open.getBoolean("open")).isTrue();
      assertThat(sql.query("SELECT 1 FROM auth_attempts WHERE key = 'source:192.0.2.1'").size()).as("a closed window").isZero();
    } finally {
      try (Sql admin = new Sql(vertx)) {
        admin.query("DROP DATABASE " + name + " WITH (FORCE)");
      }
    }
  }
}

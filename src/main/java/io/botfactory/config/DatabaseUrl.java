package io.botfactory.config;

import io.vertx.pgclient.PgConnectOptions;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Properties;

/**
 * Where PostgreSQL is, parsed once from a {@code postgresql://user:pass@host:port/db} URL, in
 * the two forms BotFactory needs: Vert.x connect options for the request path, and a JDBC URL
 * for Flyway at start-up.
 */
public final class DatabaseUrl {

  private final PgConnectOptions options;

  private DatabaseUrl(PgConnectOptions options) {
    this.options = options;
  }

  /** Parses the URL; the message of the exception never repeats the URL, which may hold a password. */
  public static DatabaseUrl parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw invalid();
    }
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new ConfigException(ConfigKey.DATABASE_URL + " must start with postgresql://");
    }
    if (uri.getHost() == null) {
      throw new ConfigException(ConfigKey.DATABASE_URL + " has no host");
    }
    try {
      return new DatabaseUrl(PgConnectOptions.fromUri(url));
    } catch (RuntimeException e) {
      throw invalid();
    }
  }

  private static ConfigException invalid() {
    return new ConfigException(ConfigKey.DATABASE_URL + " is not a valid postgresql:// URL");
  }

  /** A copy, so callers may tune timeouts and caches without touching the shared settings. */
  public PgConnectOptions connectOptions() {
    return new PgConnectOptions(options);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
  }

  public Properties jdbcProperties() {
    Properties props = new Properties();
    if (options.getUser() != null) {
      props.setProperty("user", options.getUser());
    }
    if (options.getPassword() != null) {
      props.setProperty("password", options.getPassword());
    }
    if (options.getSslMode() != null) {
      props.setProperty("sslmode", options.getSslMode().value);
    }
    return props;
  }

  /** Host, port and database, for log lines: never the user or password. */
  public String describe() {
    return options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
  }
}

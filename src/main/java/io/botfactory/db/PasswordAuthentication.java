package io.botfactory.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The embedded PostgreSQL admits only the {@code postgres} role with its password
 * (SCRAM-SHA-256), never any local user as zonky's {@code initdb -A trust} would: anyone on the
 * machine could otherwise connect as superuser on its loopback port.
 *
 * <ul>
 *   <li>A new cluster is created that way: zonky's initdb arguments cannot be changed, but its
 *       "locale" options are passed to initdb as {@code --key=value} after them, so
 *       {@code --auth=scram-sha-256 --pwfile=...} override its {@code -A trust}. The password file
 *       lives beside the data directory (mode 600) only while initdb runs.</li>
 *   <li>A cluster an earlier BotFactory created under {@code trust} is migrated at its first start
 *       by this version: it starts as before, the {@code postgres} role is given the password,
 *       {@code pg_hba.conf} is rewritten from {@code trust} to {@code scram-sha-256}, and the
 *       server reloads it; from then on every connection needs the password. A crash half way is
 *       harmless: the next start does the remaining steps again.</li>
 * </ul>
 */
final class PasswordAuthentication {

  private static final Logger LOG = LoggerFactory.getLogger(PasswordAuthentication.class);
  private static final String METHOD = "scram-sha-256";
  private static final Pattern TRUST = Pattern.compile("(?<=\\s)trust(?=\\s|$)");
  /** Generated passwords (base64url): safe in a URL's user info and in an SQL literal as they are. */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{16,}");

  private final Path dataDirectory;
  private final String password;

  PasswordAuthentication(Path dataDirectory, String password) {
    if (password == null || !SAFE.matcher(password).matches()) {
      throw new IllegalArgumentException("the embedded database password must be 16 or more characters of [A-Za-z0-9_-]");
    }
    this.dataDirectory = dataDirectory;
    this.password = password;
  }

  /** Starts {@code builder}, creating the cluster with password authentication when there is none yet. */
  EmbeddedPostgres start(EmbeddedPostgres.Builder builder) throws IOException {
    if (Files.exists(dataDirectory.resolve("postgresql.conf"))) {
      return builder.start();
    }
    Path passwordFile = Files.createTempFile(dataDirectory.toAbsolutePath().getParent(), "initdb-password", ".tmp",
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
      return builder
        .setLocaleConfig("auth", METHOD)
        .setLocaleConfig("pwfile", passwordFile.toString())
        .start();
    } finally {
      Files.deleteIfExists(passwordFile);
    }
  }

  /** Switches a running cluster that still trusts every local user to the password (see the class comment). */
  void migrateFromTrust(EmbeddedPostgres postgres) {
    Path hba = dataDirectory.resolve("pg_hba.conf");
    List<String> lines = read(hba);
    if (lines.stream().noneMatch(PasswordAuthentication::trusts)) {
      return;
    }
    LOG.warn("The embedded PostgreSQL in {} admitted every local user without a password (created by an earlier"
      + " version); switching it to password authentication", dataDirectory);
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
         Statement statement = connection.createStatement()) {
      statement.execute("ALTER ROLE " + EmbeddedDatabase.USER + " PASSWORD '" + password + "'");
      write(hba, lines.stream().map(l -> trusts(l) ? TRUST.matcher(l).replaceAll(METHOD) : l).toList());
      statement.execute("SELECT pg_reload_conf()");
    } catch (SQLException e) {
      throw new IllegalStateException("could not switch the embedded PostgreSQL in " + dataDirectory
        + " to password authentication: " + e.getMessage(), e);
    }
  }

  /** True when the cluster under {@code dataDirectory} exists and already asks for a password. */
  static boolean requiresPassword(Path dataDirectory) {
    Path hba = dataDirectory.resolve("pg_hba.conf");
    return Files.exists(dataDirectory.resolve("postgresql.conf")) && Files.exists(hba)
      && read(hba).stream().noneMatch(PasswordAuthentication::trusts);
  }

  private static boolean trusts(String line) {
    String rule = line.strip();
    return !rule.startsWith("#") && TRUST.matcher(" " + rule).find();
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void write(Path file, List<String> lines) {
    try {
      Path tmp = Files.createTempFile(file.getParent(), "pg_hba", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(tmp, lines, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}

package io.botfactory.app;

import io.botfactory.config.AppConfig;
import io.botfactory.config.ConfigException;
import io.botfactory.config.ConfigKey;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Dev mode only (embedded database): the JWT secret, the token-encryption key, the webhook key
 * and the password of the embedded PostgreSQL, generated once and kept in
 * {@code <data dir>/secrets.json} (mode 600), so a restart keeps issued tokens valid, stored bot
 * tokens readable, every webhook's secret the same and the database open to the node alone. Keys
 * the operator configured are never replaced (see {@link AppConfig#inDevMode}). A file written by
 * an earlier version gets what it lacks added.
 */
public record DevSecrets(String jwtSecret, String tokenKey, String webhookKey, String databasePassword) {

  private static final Logger LOG = LoggerFactory.getLogger(DevSecrets.class);
  static final String FILE = "secrets.json";
  private static final String JWT_SECRET = ConfigKey.JWT_SECRET.key();
  private static final String TOKEN_KEY = ConfigKey.TOKEN_KEY.key();
  private static final String WEBHOOK_KEY = ConfigKey.WEBHOOK_KEY.key();
  /** Not a setting (lower case, unlike the keys above): only the embedded database has it. */
  static final String DATABASE_PASSWORD = "embedded_postgres_password";

  /**
   * The secrets kept under {@code dataDir}, generating and saving those missing. Blocking.
   * {@code databaseNeedsItsPassword}: the embedded database exists and asks for its password,
   * so a new one would lock the node out; that is a one-line {@link ConfigException}.
   */
  public static DevSecrets load(Path dataDir, boolean databaseNeedsItsPassword) {
    Path file = dataDir.resolve(FILE);
    JsonObject stored = read(file);
    if (databaseNeedsItsPassword && stored.getString(DATABASE_PASSWORD, "").isEmpty()) {
      throw new ConfigException(file + " has lost the password of the embedded PostgreSQL in " + dataDir
        + ": restore the file, or move the database directory away to start with an empty one");
    }
    boolean changed = false;
    // 64 bytes: long enough for HS512, the longest the configuration may ask for.
    changed |= generateIfMissing(stored, JWT_SECRET, 64, Base64.getUrlEncoder().withoutPadding());
    changed |= generateIfMissing(stored, TOKEN_KEY, 32, Base64.getEncoder());
    changed |= generateIfMissing(stored, WEBHOOK_KEY, 32, Base64.getEncoder());
    // base64url: safe as it is in the database URL's user info.
    changed |= generateIfMissing(stored, DATABASE_PASSWORD, 32, Base64.getUrlEncoder().withoutPadding());
    if (changed) {
      write(file, stored);
      LOG.info("Dev mode: generated secrets in {}; they are reused at every start", file);
    }
    return new DevSecrets(stored.getString(JWT_SECRET), stored.getString(TOKEN_KEY), stored.getString(WEBHOOK_KEY),
      stored.getString(DATABASE_PASSWORD));
  }

  @Override
  public String toString() {
    return "DevSecrets[...]";
  }

  private static boolean generateIfMissing(JsonObject stored, String key, int bytes, Base64.Encoder encoder) {
    if (stored.getString(key, "").isEmpty()) {
      byte[] random = new byte[bytes];
      new SecureRandom().nextBytes(random);
      stored.put(key, encoder.encodeToString(random));
      return true;
    }
    return false;
  }

  private static JsonObject read(Path file) {
    try {
      return Files.exists(file) ? new JsonObject(Files.readString(file, StandardCharsets.UTF_8)) : new JsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (RuntimeException e) {
      throw new ConfigException(file + " is not valid JSON; remove it to generate new dev secrets");
    }
  }

  private static void write(Path file, JsonObject secrets) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, secrets.encodePrettily(), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}

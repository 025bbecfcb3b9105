package io.botfactory.app;

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
 * Dev mode only (embedded database): the JWT secret and the token-encryption key, generated
 * once and kept in {@code <data dir>/secrets.json} (mode 600), so a restart keeps issued tokens
 * valid and stored bot tokens readable. Keys the operator configured are never replaced.
 */
public final class DevSecrets {

  private static final Logger LOG = LoggerFactory.getLogger(DevSecrets.class);
  static final String FILE = "secrets.json";

  private DevSecrets() {
  }

  /** Fills the unset secrets of {@code config} from the file, generating and saving missing ones. Blocking. */
  public static void fill(JsonObject config, Path dataDir) {
    Path file = dataDir.resolve(FILE);
    JsonObject stored = read(file);
    boolean changed = false;
    changed |= generateIfMissing(stored, AppConfig.JWT_SECRET, 48, Base64.getUrlEncoder().withoutPadding());
    changed |= generateIfMissing(stored, AppConfig.TOKEN_KEY, 32, Base64.getEncoder());
    if (changed) {
      write(file, stored);
      LOG.info("Dev mode: generated secrets in {}; they are reused at every start", file);
    }
    for (String key : new String[]{AppConfig.JWT_SECRET, AppConfig.TOKEN_KEY}) {
      Object configured = config.getValue(key);
      if (configured == null || configured.toString().isBlank()) {
        config.put(key, stored.getString(key));
      }
    }
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

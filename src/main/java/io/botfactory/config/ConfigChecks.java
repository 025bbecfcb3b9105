package io.botfactory.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static io.botfactory.config.ConfigKey.CLUSTER;
import static io.botfactory.config.ConfigKey.CLUSTER_DNS;
import static io.botfactory.config.ConfigKey.CLUSTER_MEMBERS;
import static io.botfactory.config.ConfigKey.CLUSTER_PORT;
import static io.botfactory.config.ConfigKey.DATABASE_URL;
import static io.botfactory.config.ConfigKey.JWT_SECRET;
import static io.botfactory.config.ConfigKey.TOKEN_KEY;
import static io.botfactory.config.ConfigKey.TOKEN_KEYS_OLD;
import static io.botfactory.config.ConfigKey.WEBHOOK_KEY;
import static io.botfactory.config.ConfigKey.WEBHOOK_KEYS_OLD;

/** The rules a whole configuration must follow beyond each value's own range; each break is one line. */
final class ConfigChecks {

  private ConfigChecks() {
  }

  static void check(AppConfig config) {
    cluster(config);
    secrets(config);
  }

  /**
   * A clustered node must not fall back to dev mode: every node would start its own embedded
   * database and generate its own keys, so the cluster would not share data or accept each
   * other's tokens.
   */
  private static void cluster(AppConfig config) {
    if (!config.cluster().enabled()) {
      return;
    }
    if (config.cluster().port() == 0) {
      throw new ConfigException(CLUSTER_PORT + " must be a fixed port when " + CLUSTER + " is true (members find each other on it)");
    }
    if (!config.cluster().dns().isEmpty() && !config.cluster().members().isEmpty()) {
      throw new ConfigException("set either " + CLUSTER_MEMBERS + " or " + CLUSTER_DNS + ", not both");
    }
    if (config.needsDatabase() && !config.db().configured()) {
      throw new ConfigException(DATABASE_URL + " is required on a clustered node with the auth, storage or webhook role"
        + " (dev mode's embedded database and generated keys would be this node's alone)");
    }
    // Closed by default: without its certificate a node could neither join nor be joined.
    if (config.cluster().tls().enabled()) {
      config.cluster().tls().check();
    }
  }

  /** Secrets given must be strong; when a database is configured, the secrets this node needs must be given. */
  private static void secrets(AppConfig config) {
    JwtSettings jwt = config.jwt();
    if (jwt.configured() && jwt.secret().getBytes(StandardCharsets.UTF_8).length < jwt.minSecretBytes()) {
      throw new ConfigException(JWT_SECRET + " must be at least " + jwt.minSecretBytes() + " bytes long for "
        + jwt.algorithm());
    }
    if (config.tokenKey().configured()) {
      keyLength(TOKEN_KEY.key(), config.tokenKey().base64());
    }
    if (config.telegram().keyConfigured()) {
      keyLength(WEBHOOK_KEY.key(), config.telegram().webhookKey());
    }
    config.tokenKey().oldKeys().forEach((id, key) -> keyLength(TOKEN_KEYS_OLD + " (key '" + id + "')", key));
    List<String> oldWebhookKeys = config.telegram().oldWebhookKeys();
    for (int i = 0; i < oldWebhookKeys.size(); i++) {
      keyLength(WEBHOOK_KEYS_OLD + " (key " + (i + 1) + ")", oldWebhookKeys.get(i));
    }
    if (config.db().configured() || !config.needsDatabase()) {
      if (config.needsJwtSecret() && !config.jwt().configured()) {
        throw new ConfigException(JWT_SECRET + " is required when " + DATABASE_URL
          + " is set (or on a node without a database): at least " + jwt.minSecretBytes() + " bytes");
      }
      if (config.needsTokenKey() && !config.tokenKey().configured()) {
        throw new ConfigException(TOKEN_KEY + " is required when " + DATABASE_URL
          + " is set: the base64 of 32 random bytes (openssl rand -base64 32)");
      }
      if (config.needsWebhookKey() && !config.telegram().keyConfigured()) {
        throw new ConfigException(WEBHOOK_KEY + " is required when " + DATABASE_URL
          + " is set: the base64 of 32 random bytes (openssl rand -base64 32)");
      }
    }
  }

  /** A 256-bit key, given as base64; {@code name} says which, for the one-line reason. */
  private static void keyLength(String name, String base64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name + " must be base64 (of 32 random bytes)");
    }
    if (key.length != 32) {
      throw new ConfigException(name + " must be the base64 of exactly 32 bytes, got " + key.length);
    }
  }
}

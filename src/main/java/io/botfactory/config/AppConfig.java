package io.botfactory.config;

import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.Set;

import static io.botfactory.config.ConfigKey.DATA_DIR;
import static io.botfactory.config.ConfigKey.EVENT_LOOPS;
import static io.botfactory.config.ConfigKey.ROLES;

/**
 * The one typed view of a node's configuration, one record per concern; each verticle is given the
 * records it needs. Built once from the merged JSON that {@link ConfigLoader} produces (keys:
 * {@link ConfigKey}; defaults: {@code conf/config.json}; table: docs/configuration.md). Every
 * problem is a {@link ConfigException} with a one-line reason.
 */
public record AppConfig(
  HttpSettings http,
  DbSettings db,
  JwtSettings jwt,
  TokenKeySettings tokenKey,
  Argon2Settings argon2,
  ThrottleSettings login,
  ClusterSettings cluster,
  BusSettings bus,
  TelegramSettings telegram,
  UpdateSettings updates,
  DeliverySettings deliveries,
  int eventLoops,
  Set<Role> roles,
  Path dataDir) {

  public static AppConfig from(JsonObject json) {
    ConfigReader r = new ConfigReader(json);
    int eventLoops = r.countOrCores(EVENT_LOOPS);
    AppConfig config = new AppConfig(HttpSettings.read(r, eventLoops), DbSettings.read(r), JwtSettings.read(r),
      TokenKeySettings.read(r), Argon2Settings.read(r), ThrottleSettings.read(r), ClusterSettings.read(r),
      BusSettings.read(r), TelegramSettings.read(r), UpdateSettings.read(r),
      DeliverySettings.read(r), eventLoops, Role.parse(r.text(ROLES)), Path.of(r.nonBlank(DATA_DIR)));
    ConfigChecks.check(config);
    return config;
  }

  /**
   * Dev mode: this configuration on the embedded database at {@code databaseUrl}, with the
   * generated secrets standing in for those the operator did not configure.
   */
  public AppConfig inDevMode(String databaseUrl, String jwtSecret, String tokenKeyBase64, String webhookKeyBase64) {
    AppConfig config = new AppConfig(http, db.withUrl(databaseUrl),
      jwt.configured() ? jwt : jwt.withSecret(jwtSecret),
      tokenKey.configured() ? tokenKey : tokenKey.withKey(tokenKeyBase64),
      argon2, login, cluster, bus,
      telegram.keyConfigured() ? telegram : telegram.withWebhookKey(webhookKeyBase64),
      updates, deliveries, eventLoops, roles, dataDir);
    ConfigChecks.check(config);
    return config;
  }

  public boolean runs(Role role) {
    return roles.contains(role);
  }

  /** True when this node runs a service that talks to PostgreSQL. */
  public boolean needsDatabase() {
    return runs(Role.AUTH) || runs(Role.STORAGE) || runs(Role.WEBHOOK);
  }

  public boolean needsJwtSecret() {
    return runs(Role.AUTH) || runs(Role.HTTP);
  }

  /** Storage seals and reads tokens; webhook workers read them to call Telegram. */
  public boolean needsTokenKey() {
    return runs(Role.STORAGE) || runs(Role.WEBHOOK);
  }

  /** HTTP checks each webhook's secret; webhook workers hand it to Telegram. */
  public boolean needsWebhookKey() {
    return runs(Role.HTTP) || runs(Role.WEBHOOK);
  }
}

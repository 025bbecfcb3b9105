package io.botfactory.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Merges the configuration layers, later ones winning: {@code conf/config.json} (the committed
 * defaults; read from the working directory, else from the jar), the file named by
 * {@code BOTFACTORY_CONFIG} if any, the environment, then system properties. Only known keys
 * are kept, so the rest of the environment never travels into verticle configs.
 */
public final class ConfigLoader {

  public static final String DEFAULTS = "conf/config.json";
  public static final String EXTRA_FILE = "BOTFACTORY_CONFIG";

  private ConfigLoader() {
  }

  public static Future<JsonObject> load(Vertx vertx) {
    ConfigRetrieverOptions options = new ConfigRetrieverOptions()
      .setScanPeriod(0)
      .addStore(file(DEFAULTS));
    String extra = System.getProperty(EXTRA_FILE, System.getenv(EXTRA_FILE));
    if (extra != null && !extra.isBlank()) {
      options.addStore(file(extra.trim()));
    }
    options
      .addStore(new ConfigStoreOptions().setType("env")
        .setConfig(new JsonObject().put("raw-data", true).put("keys", keyNames())))
      .addStore(new ConfigStoreOptions().setType("sys")
        .setConfig(new JsonObject().put("raw-data", true).put("cache", false)));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
      .map(ConfigLoader::known)
      .andThen(ar -> retriever.close());
  }

  private static JsonObject known(JsonObject merged) {
    JsonObject result = new JsonObject();
    for (ConfigKey key : ConfigKey.values()) {
      if (merged.containsKey(key.key())) {
        result.put(key.key(), merged.getValue(key.key()));
      }
    }
    return result;
  }

  private static JsonArray keyNames() {
    JsonArray names = new JsonArray();
    for (ConfigKey key : ConfigKey.values()) {
      names.add(key.key());
    }
    return names;
  }

  private static ConfigStoreOptions file(String path) {
    return new ConfigStoreOptions().setType("file").setFormat("json").setConfig(new JsonObject().put("path", path));
  }
}

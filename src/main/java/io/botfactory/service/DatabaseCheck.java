package io.botfactory.service;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

/** The answer a service gives its readiness check: UP only after a round trip to its database. */
final class DatabaseCheck {

  private DatabaseCheck() {
  }

  static Future<JsonObject> run(Pool pool) {
    return pool.query("SELECT 1").execute().map(rows -> new JsonObject().put("status", "UP").put("database", "UP"));
  }
}

package io.botfactory.integration;

import io.botfactory.bus.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.Arrays;

/** An Endpoint as the contract shows it, from a row of {@link EndpointSql#COLUMNS}; never its secret. */
final class EndpointJson {

  private EndpointJson() {
  }

  static boolean present(Row row) {
    return row.getValue("id") != null;
  }

  static JsonObject of(Row row) {
    return new JsonObject()
      .put("id", row.getUUID("id").toString())
      .put("url", row.getString("url"))
      .put("events", new JsonArray(Arrays.asList(row.getArrayOfStrings("events"))))
      .put("description", row.getString("description"))
      .put("status", row.getString("status"))
      .put("disabled_reason", row.getString("disabled_reason"))
      .put("created_at", Timestamps.format(row.getOffsetDateTime("created_at")));
  }
}

package io.botfactory.integration;

import io.botfactory.bus.Failure;
import io.botfactory.bus.FieldErrors;
import io.botfactory.bus.Page;
import io.botfactory.bus.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An endpoint's deliveries as its owner reads them and sends them again; see {@link DeliveryLogSql}. */
final class DeliveryLog {

  private static final String DISABLED = "The endpoint is disabled: enable it first";

  private final Pool pool;

  DeliveryLog(Pool pool) {
    this.pool = pool;
  }

  Future<Page> list(UUID client, UUID bot, UUID endpoint, String status, int limit, UUID after) {
    Tuple params = Tuple.of(client, bot, endpoint, status, after, limit + 1);
    return pool.preparedQuery(DeliveryLogSql.LIST).execute(params).map(rows -> {
      Owned.known(rows, Owned.ENDPOINT_NOT_FOUND);
      List<JsonObject> deliveries = new ArrayList<>();
      for (Row row : rows) {
        if (!row.getBoolean("cursor_found")) {
          throw FieldErrors.single("query", "after", "Value error, not one of this endpoint's deliveries", "value_error");
        }
        if (row.getValue("id") != null) {
          deliveries.add(json(row));
        }
      }
      boolean more = deliveries.size() > limit;
      List<JsonObject> page = more ? deliveries.subList(0, limit) : deliveries;
      return new Page(new JsonArray(new ArrayList<>(page)).toBuffer(), more ? page.get(limit - 1).getString("id") : null);
    });
  }

  /** The delivery, due now; 409 when the endpoint is disabled. */
  Future<JsonObject> retry(UUID client, UUID bot, UUID endpoint, UUID delivery) {
    return pool.preparedQuery(DeliveryLogSql.RETRY).execute(Tuple.of(client, bot, endpoint, delivery)).map(rows -> {
      Row row = enabled(Owned.known(rows, Owned.ENDPOINT_NOT_FOUND));
      if (row.getValue("id") == null) {
        throw Owned.notFound(Owned.DELIVERY_NOT_FOUND);
      }
      return json(row);
    });
  }

  /** {"replayed": n}: the failed deliveries created since {@code since}, due now. */
  Future<JsonObject> replay(UUID client, UUID bot, UUID endpoint, OffsetDateTime since) {
    return pool.preparedQuery(DeliveryLogSql.REPLAY).execute(Tuple.of(client, bot, endpoint, since))
      .map(rows -> new JsonObject().put("replayed", enabled(Owned.known(rows, Owned.ENDPOINT_NOT_FOUND))
        .getLong("replayed")));
  }

  private static Row enabled(Row row) {
    if (!row.getBoolean("enabled")) {
      throw Failure.CONFLICT.exception(DISABLED);
    }
    return row;
  }

  /** A Delivery as the contract shows it; {@code next_attempt_at} only while it is pending. */
  static JsonObject json(Row row) {
    String status = row.getString("status");
    return new JsonObject()
      .put("id", row.getUUID("id").toString())
      .put("event_id", row.getUUID("event_id").toString())
      .put("type", row.getString("type"))
      .put("status", status)
      .put("attempts", row.getInteger("attempts"))
      .put("last_status_code", row.getInteger("last_status_code"))
      .put("last_error", row.getString("last_error"))
      .put("next_attempt_at", status.equals("pending") ? time(row, "next_attempt_at") : null)
      .put("delivered_at", time(row, "delivered_at"))
      .put("created_at", time(row, "created_at"));
  }

  private static String time(Row row, String column) {
    OffsetDateTime time = row.getOffsetDateTime(column);
    return time == null ? null : Timestamps.format(time);
  }
}

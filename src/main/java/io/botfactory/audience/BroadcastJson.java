package io.botfactory.audience;

import io.botfactory.bus.Timestamps;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The contract's Broadcast, written from a row of {@link BroadcastSql#COLUMNS}: the one place that lists its fields. */
final class BroadcastJson {

  private BroadcastJson() {
  }

  static JsonObject of(Row row) {
    return new JsonObject()
      .put("id", row.getUUID("id").toString())
      .put("bot_id", row.getUUID("bot_id").toString())
      .put("text", row.getString("text"))
      .put("silent", row.getBoolean("silent"))
      .put("segment", (JsonObject) row.getJson("segment"))
      .put("send_at", time(row, "send_at"))
      .put("status", row.getString("status"))
      .put("created_at", time(row, "created_at"))
      .put("started_at", time(row, "started_at"))
      .put("finished_at", time(row, "finished_at"))
      .put("counts", new JsonObject()
        .put("recipients", row.getInteger("recipients"))
        .put("pending", row.getInteger("pending"))
        .put("sent", row.getInteger("sent"))
        .put("blocked", row.getInteger("blocked"))
        .put("failed", row.getInteger("failed"))
        .put("uncertain", row.getInteger("uncertain"))
        .put("cancelled", row.getInteger("cancelled")));
  }

  /** Whether the row holds a broadcast (its {@code id} column is not null). */
  static boolean present(Row row) {
    return row.getValue("id") instanceof UUID;
  }

  private static String time(Row row, String column) {
    OffsetDateTime time = row.getOffsetDateTime(column);
    return time == null ? null : Timestamps.format(time);
  }
}

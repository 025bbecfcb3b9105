package io.botfactory.audience;

import io.botfactory.bus.FieldErrors;
import io.botfactory.bus.Page;
import io.botfactory.bus.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The {@code subscribers} table as the bot's owner reads it (pages of JSON, pages of CSV for the
 * export) and tags it; see {@link SubscriberSql}. A page is built whole and no more: an export
 * of any size passes through here one page at a time.
 */
final class SubscriberStore {

  static final String[] CSV_HEADER = {"chat_id", "first_name", "username", "language_code", "source", "tags", "status",
    "first_seen_at", "last_seen_at"};

  /** Which subscribers a page shows, and after which. */
  record Filter(String status, String tag, String source, int limit, Long after) {
  }

  private final Pool pool;

  SubscriberStore(Pool pool) {
    this.pool = pool;
  }

  Future<Page> json(UUID client, UUID bot, Filter filter) {
    return page(client, bot, filter, rows -> {
      JsonArray page = new JsonArray();
      rows.forEach(row -> page.add(toJson(row)));
      return page.toBuffer();
    });
  }

  /** A page of CSV text; the first (no cursor) starts with the header row. */
  Future<Page> csv(UUID client, UUID bot, Filter filter) {
    return page(client, bot, filter, rows -> {
      CsvText csv = new CsvText(filter.after() == null ? CSV_HEADER : null, rows.size());
      for (Row row : rows) {
        csv.record(String.valueOf(row.getLong("chat_id")), row.getString("first_name"), row.getString("username"),
          row.getString("language_code"), row.getString("source"), String.join(";", row.getArrayOfStrings("tags")),
          row.getString("status"), Timestamps.format(row.getOffsetDateTime("first_seen_at")),
          Timestamps.format(row.getOffsetDateTime("last_seen_at")));
      }
      return csv.toBuffer();
    });
  }

  /** Replaces one subscriber's tags; completes with the Subscriber. */
  Future<JsonObject> putTags(UUID client, UUID bot, long chatId, String[] tags) {
    return pool.preparedQuery(SubscriberSql.PUT_TAGS).execute(Tuple.of(client, bot, chatId, tags)).map(rows -> {
      Row row = OwnedRows.row(rows);
      if (row.getLong("chat_id") == null) {
        throw OwnedRows.notFound(OwnedRows.SUBSCRIBER_NOT_FOUND);
      }
      return toJson(row);
    });
  }

  /** Adds and takes away tags of many subscribers at once, or of none; completes with {"changed", "unknown"}. */
  Future<JsonObject> changeTags(UUID client, UUID bot, Long[] chatIds, String[] add, String[] remove) {
    return pool.preparedQuery(SubscriberSql.CHANGE_TAGS).execute(Tuple.of(client, bot, chatIds, add, remove))
      .recover(err -> Future.failedFuture(tooManyTags(err) ? Tags.tooMany("add") : err))
      .map(rows -> {
        Row row = OwnedRows.row(rows);
        return new JsonObject().put("changed", row.getLong("changed"))
          .put("unknown", row.getLong("asked") - row.getLong("known"));
      });
  }

  /** How many subscribers {@code segment} (checked and completed, see {@link BroadcastDraft#segment}) takes now: {"count"}. */
  Future<JsonObject> count(UUID client, UUID bot, JsonObject segment) {
    return pool.preparedQuery(SubscriberSql.COUNT).execute(Tuple.of(client, bot, segment))
      .map(rows -> new JsonObject().put("count", OwnedRows.row(rows).getLong("count")));
  }

  private Future<Page> page(UUID client, UUID bot, Filter filter, Function<List<Row>, Buffer> write) {
    Tuple params = Tuple.of(client, bot, filter.status(), filter.tag(), filter.source(), filter.after())
      .addInteger(filter.limit() + 1);
    return pool.preparedQuery(SubscriberSql.LIST).execute(params).map(rows -> {
      List<Row> found = found(rows);
      boolean more = found.size() > filter.limit();
      List<Row> page = more ? found.subList(0, filter.limit()) : found;
      String nextAfter = more ? String.valueOf(page.get(page.size() - 1).getLong("chat_id")) : null;
      return new Page(write.apply(page), nextAfter);
    });
  }

  /** The page's subscribers, once the client, its bot and the cursor are all there. */
  private static List<Row> found(RowSet<Row> rows) {
    OwnedRows.row(rows);
    List<Row> found = new ArrayList<>(rows.size());
    for (Row row : rows) {
      if (!row.getBoolean("cursor_found")) {
        throw FieldErrors.single("query", "after", "Value error, not one of this bot's subscribers", "value_error");
      }
      if (row.getLong("chat_id") != null) {
        found.add(row);
      }
    }
    return found;
  }

  private static boolean tooManyTags(Throwable err) {
    return err instanceof PgException && SubscriberSql.TAGS_CHECK.equals(((PgException) err).getConstraint());
  }

  static JsonObject toJson(Row row) {
    return new JsonObject()
      .put("chat_id", row.getLong("chat_id"))
      .put("first_name", row.getString("first_name"))
      .put("username", row.getString("username"))
      .put("language_code", row.getString("language_code"))
      .put("source", row.getString("source"))
      .put("tags", new JsonArray(Arrays.asList((Object[]) row.getArrayOfStrings("tags"))))
      .put("status", row.getString("status"))
      .put("first_seen_at", Timestamps.format(row.getOffsetDateTime("first_seen_at")))
      .put("last_seen_at", Timestamps.format(row.getOffsetDateTime("last_seen_at")))
      .put("status_changed_at", Timestamps.format(row.getOffsetDateTime("status_changed_at")));
  }
}

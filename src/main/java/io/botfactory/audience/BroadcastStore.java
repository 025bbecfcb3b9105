package io.botfactory.audience;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.DeliveriesDue;
import io.botfactory.bus.Failure;
import io.botfactory.bus.FieldErrors;
import io.botfactory.bus.Page;
import io.botfactory.bus.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The {@code broadcasts} of a bot as its owner sees and steers them, and their recipients' export; see {@link BroadcastSql}. */
final class BroadcastStore {

  static final String[] RECIPIENTS_HEADER = {"chat_id", "status", "sent_at", "error"};
  /** The statuses a cancel applies to: any broadcast that has not ended. */
  private static final Set<String> CANCELLABLE = Set.of("scheduled", "running", "paused");

  private final Pool pool;
  private final EventBus bus;

  /** {@code bus}: where a delivery worker is woken for the broadcast.finished event a cancel writes. */
  BroadcastStore(Pool pool, EventBus bus) {
    this.pool = pool;
    this.bus = bus;
  }

  /** Schedules the broadcast; fails naming {@code body.segment} when the segment takes nobody now. */
  Future<JsonObject> create(UUID client, UUID bot, BroadcastDraft draft) {
    Tuple params = Tuple.of(client, bot, UUID.randomUUID(), draft.text(), draft.silent(), draft.segment())
      .addOffsetDateTime(draft.sendAt());
    return pool.preparedQuery(BroadcastSql.CREATE).execute(params).map(rows -> {
      Row row = OwnedRows.row(rows);
      if (!row.getBoolean("reaches")) {
        throw FieldErrors.single("body", "segment", "Value error, the segment matches no active subscriber", "value_error");
      }
      return BroadcastJson.of(row);
    });
  }

  Future<Page> list(UUID client, UUID bot, int limit, UUID after) {
    return pool.preparedQuery(BroadcastSql.LIST).execute(Tuple.of(client, bot, after, limit + 1)).map(rows -> {
      OwnedRows.row(rows);
      List<JsonObject> broadcasts = new ArrayList<>();
      for (Row row : rows) {
        if (!row.getBoolean("cursor_found")) {
          throw FieldErrors.single("query", "after", "Value error, not one of this bot's broadcasts", "value_error");
        }
        if (BroadcastJson.present(row)) {
          broadcasts.add(BroadcastJson.of(row));
        }
      }
      boolean more = broadcasts.size() > limit;
      List<JsonObject> page = more ? broadcasts.subList(0, limit) : broadcasts;
      String nextAfter = more ? page.get(page.size() - 1).getString("id") : null;
      return new Page(new JsonArray(new ArrayList<>(page)).toBuffer(), nextAfter);
    });
  }

  Future<JsonObject> get(UUID client, UUID bot, UUID broadcast) {
    return pool.preparedQuery(BroadcastSql.GET).execute(Tuple.of(client, bot, broadcast)).map(rows -> {
      Row row = OwnedRows.row(rows);
      if (!BroadcastJson.present(row)) {
        throw OwnedRows.notFound(OwnedRows.BROADCAST_NOT_FOUND);
      }
      return BroadcastJson.of(row);
    });
  }

  /** Moves a {@code from} broadcast to {@code to} (pause, resume); 409 when it is in another status. */
  Future<JsonObject> transition(UUID client, UUID bot, UUID broadcast, String from, String to, String refusal) {
    return pool.preparedQuery(BroadcastSql.TRANSITION).execute(Tuple.of(client, bot, broadcast, from, to)).map(rows -> {
      Row row = OwnedRows.row(rows);
      if (row.getValue("known") == null) {
        throw OwnedRows.notFound(OwnedRows.BROADCAST_NOT_FOUND);
      }
      if (!BroadcastJson.present(row)) {
        throw Failure.CONFLICT.exception(refusal);
      }
      return BroadcastJson.of(row);
    });
  }

  /**
   * Cancels a broadcast that has not ended, in one transaction of two statements: the first locks
   * it (and waits for whatever the engine is doing to it), the second, seeing all that has
   * committed, ends its pending recipients and the broadcast with its counts, and writes its
   * broadcast.finished event; a delivery worker is woken once that has committed.
   */
  Future<JsonObject> cancel(UUID client, UUID bot, UUID broadcast) {
    return pool.withTransaction(conn -> conn.preparedQuery(BroadcastSql.LOCK).execute(Tuple.of(client, bot, broadcast))
      .compose(rows -> {
        Row row = OwnedRows.row(rows);
        if (row.getValue("known") == null) {
          return Future.failedFuture(OwnedRows.notFound(OwnedRows.BROADCAST_NOT_FOUND));
        }
        if (!CANCELLABLE.contains(row.getString("status"))) {
          return Future.failedFuture(Failure.CONFLICT.exception("Only a scheduled, running or paused broadcast can be cancelled"));
        }
        return conn.preparedQuery(BroadcastSql.CANCEL).execute(Tuple.of(broadcast)).map(done -> done.iterator().next());
      })).map(row -> {
        long deliveries = row.getLong("deliveries");
        if (deliveries > 0) {
          bus.send(Addresses.DELIVERIES_DUE.name(), new DeliveriesDue(deliveries).toJson());
        }
        return BroadcastJson.of(row);
      });
  }

  /** A page of the recipients as CSV text; the first (no cursor) starts with the header row. */
  Future<Page> recipients(UUID client, UUID bot, UUID broadcast, int limit, Long after) {
    Tuple params = Tuple.of(client, bot, broadcast, after, limit + 1);
    return pool.preparedQuery(BroadcastSql.RECIPIENTS).execute(params).map(rows -> {
      Row first = OwnedRows.row(rows);
      if (first.getValue("known") == null) {
        throw OwnedRows.notFound(OwnedRows.BROADCAST_NOT_FOUND);
      }
      return csv(rows, limit, after == null);
    });
  }

  private static Page csv(RowSet<Row> rows, int limit, boolean first) {
    CsvText csv = new CsvText(first ? RECIPIENTS_HEADER : null, Math.min(rows.size(), limit));
    int written = 0;
    Long last = null;
    for (Row row : rows) {
      if (row.getLong("chat_id") == null || written == limit) {
        continue;
      }
      OffsetDateTime sentAt = row.getOffsetDateTime("sent_at");
      csv.record(String.valueOf(row.getLong("chat_id")), row.getString("status"),
        sentAt == null ? null : Timestamps.format(sentAt), row.getString("error"));
      last = row.getLong("chat_id");
      written++;
    }
    boolean more = rows.size() > limit;
    return new Page(csv.toBuffer(), more ? String.valueOf(last) : null);
  }
}

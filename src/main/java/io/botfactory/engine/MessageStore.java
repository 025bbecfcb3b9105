package io.botfactory.engine;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.DeliveriesDue;
import io.botfactory.db.Batcher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Runs {@link MessageSql} for one node: its lanes' reads, and the messages' marks (durable) and
 * outcomes, each batched over all the node's lanes. Deliveries written with the outcomes wake a
 * delivery worker.
 */
final class MessageStore {

  /** A queued message: where to, what, whether silent, the chat's type (null: not known). */
  record Queued(UUID id, long chatId, String text, boolean silent, String chatType) {
  }

  /** A message's outcome: sent, blocked, failed, or queued (Telegram asked to wait). */
  record Result(UUID id, long epoch, String outcome, String error) {
  }

  private record Mark(UUID id, long epoch) {
  }

  private static final int MAX_BATCH = 500;

  private final Vertx vertx;
  private final Pool pool;
  private final NodeLease lease;
  private final Batcher<Mark, Boolean> marks;
  private final Batcher<Result, Void> results;

  MessageStore(Vertx vertx, Pool pool, Pool durable, NodeLease lease) {
    this.vertx = vertx;
    this.pool = pool;
    this.lease = lease;
    this.marks = new Batcher<>(MAX_BATCH, 2, batch -> mark(durable, batch));
    this.results = Batcher.ofWrites(MAX_BATCH, 1, this::record);
  }

  /** Bots held here with messages queued. */
  Future<List<UUID>> queuedHere(String node) {
    return pool.preparedQuery(MessageSql.QUEUED_HERE).execute(Tuple.of(node)).map(rows -> {
      List<UUID> bots = new ArrayList<>();
      rows.forEach(row -> bots.add(row.getUUID("bot_id")));
      return bots;
    });
  }

  /** Opens the bot's messages under the hold: a dead node's marks end uncertain. */
  Future<Void> open(UUID botId, String node, long epoch) {
    return pool.preparedQuery(MessageSql.OPEN).execute(Tuple.of(botId, node, epoch)).mapEmpty();
  }

  Future<List<Queued>> queued(UUID botId, int limit) {
    return pool.preparedQuery(MessageSql.QUEUED).execute(Tuple.of(botId, limit)).map(rows -> {
      List<Queued> queued = new ArrayList<>(rows.size());
      for (Row row : rows) {
        queued.add(new Queued(row.getUUID("id"), row.getLong("chat_id"), row.getString("text"), row.getBoolean("silent"),
          row.getString("type")));
      }
      return queued;
    });
  }

  /** True once the message is marked sending; false when it may not be sent (the bot no longer held so). */
  Future<Boolean> mark(UUID id, long epoch) {
    return marks.submit(new Mark(id, epoch));
  }

  Future<Void> record(Result result) {
    return results.submit(result);
  }

  private Future<List<Boolean>> mark(Pool durable, List<Mark> batch) {
    String node = lease.node();
    if (node == null) {
      return Future.succeededFuture(batch.stream().map(m -> false).toList());
    }
    Tuple params = Tuple.of(node, batch.stream().map(Mark::id).toArray(UUID[]::new),
      batch.stream().map(Mark::epoch).toArray(Long[]::new));
    return durable.preparedQuery(MessageSql.MARK).execute(params).map(rows -> {
      Set<UUID> marked = new HashSet<>();
      rows.forEach(row -> marked.add(row.getUUID("id")));
      return batch.stream().map(m -> marked.contains(m.id())).toList();
    });
  }

  private Future<?> record(List<Result> batch) {
    Tuple params = Tuple.of(batch.stream().map(Result::id).toArray(UUID[]::new),
      batch.stream().map(Result::epoch).toArray(Long[]::new), batch.stream().map(Result::outcome).toArray(String[]::new),
      batch.stream().map(Result::error).toArray(String[]::new));
    return pool.preparedQuery(MessageSql.RECORD).execute(params).map(rows -> {
      long deliveries = rows.iterator().next().getLong("deliveries");
      if (deliveries > 0) {
        vertx.eventBus().send(Addresses.DELIVERIES_DUE.name(), new DeliveriesDue(deliveries).toJson());
      }
      return null;
    });
  }
}

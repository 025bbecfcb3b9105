package io.botfactory.engine;

import io.botfactory.db.Batcher;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Runs {@link BroadcastSql} for one node: the starts, the lanes' reads, and the recipients'
 * marks and outcomes, each batched over all the node's lanes ({@link Batcher}: one statement
 * for all that come together). Marks go through a pool whose commits are durable: a recipient
 * marked is marked for good before Telegram gets its message.
 */
final class BroadcastStore {

  /** A recipient's mark: the broadcast, the chat, under which hold. */
  record Mark(UUID broadcastId, long chatId, long epoch) {
  }

  /** A recipient's outcome: sent, blocked, failed, or pending (Telegram asked to wait). */
  record Result(UUID broadcastId, long chatId, long epoch, String outcome, String error) {
  }

  /** A broadcast opened for sending: its text, whether silent, its status. */
  record Opened(String text, boolean silent, String status) {
  }

  private static final int MAX_BATCH = 500;

  private final Pool pool;
  private final NodeLease lease;
  private final Batcher<Mark, Boolean> marks;
  private final Batcher<Result, Void> results;

  /** {@code durable}: a pool whose commits wait for the disk, for the marks; {@code pool} for the rest. */
  BroadcastStore(Pool pool, Pool durable, NodeLease lease) {
    this.pool = pool;
    this.lease = lease;
    this.marks = new Batcher<>(MAX_BATCH, 2, batch -> mark(durable, batch));
    this.results = Batcher.ofWrites(MAX_BATCH, 1, this::record);
  }

  /** Starts up to {@code limit} due broadcasts; answers the bots of those now running. */
  Future<List<UUID>> start(int limit) {
    return pool.preparedQuery(BroadcastSql.START).execute(Tuple.of(limit)).map(rows -> {
      List<UUID> bots = new ArrayList<>();
      for (Row row : rows) {
        if ("running".equals(row.getString("status"))) {
          bots.add(row.getUUID("bot_id"));
        }
      }
      return bots;
    });
  }

  /** The running broadcasts of the bots this node holds: broadcast and bot. */
  Future<List<UUID[]>> runningHere(String node) {
    return pool.preparedQuery(BroadcastSql.RUNNING_HERE).execute(Tuple.of(node)).map(rows -> {
      List<UUID[]> running = new ArrayList<>();
      rows.forEach(row -> running.add(new UUID[]{row.getUUID("id"), row.getUUID("bot_id")}));
      return running;
    });
  }

  /** The broadcast, opened under the hold; null when the bot is no longer held so. */
  Future<Opened> open(UUID broadcastId, String node, long epoch) {
    return pool.preparedQuery(BroadcastSql.OPEN).execute(Tuple.of(broadcastId, node, epoch)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new Opened(row.getString("text"), row.getBoolean("silent"), row.getString("status"));
    });
  }

  /** Telegram asked the broadcast to wait {@code seconds} (a 429): recorded, so that any node waits. */
  Future<Void> waitFor(UUID broadcastId, int seconds) {
    return pool.preparedQuery(BroadcastSql.WAIT).execute(Tuple.of(broadcastId, seconds)).mapEmpty();
  }

  /** Up to {@code limit} recipients waiting to be sent to, after {@code after}. */
  Future<List<Long>> pending(UUID broadcastId, long after, int limit) {
    return pool.preparedQuery(BroadcastSql.PENDING).execute(Tuple.of(broadcastId, after, limit)).map(rows -> {
      List<Long> chats = new ArrayList<>(rows.size());
      rows.forEach(row -> chats.add(row.getLong("chat_id")));
      return chats;
    });
  }

  /** True once the recipient is marked sending; false when it may not be sent to (paused, cancelled, not held). */
  Future<Boolean> mark(Mark mark) {
    return marks.submit(mark);
  }

  /** Completes once the outcome is written. */
  Future<Void> record(Result result) {
    return results.submit(result);
  }

  private Future<List<Boolean>> mark(Pool durable, List<Mark> batch) {
    String node = lease.node();
    if (node == null) {
      return Future.succeededFuture(batch.stream().map(m -> false).toList());
    }
    Tuple params = Tuple.of(node, batch.stream().map(Mark::broadcastId).toArray(UUID[]::new),
      batch.stream().map(Mark::chatId).toArray(Long[]::new), batch.stream().map(Mark::epoch).toArray(Long[]::new));
    return durable.preparedQuery(BroadcastSql.MARK).execute(params).map(rows -> {
      Set<String> marked = new HashSet<>();
      rows.forEach(row -> marked.add(row.getUUID("broadcast_id") + "/" + row.getLong("chat_id")));
      return batch.stream().map(m -> marked.contains(m.broadcastId() + "/" + m.chatId())).toList();
    });
  }

  private Future<?> record(List<Result> batch) {
    Tuple params = Tuple.of(batch.stream().map(Result::broadcastId).toArray(UUID[]::new),
      batch.stream().map(Result::chatId).toArray(Long[]::new), batch.stream().map(Result::epoch).toArray(Long[]::new),
      batch.stream().map(Result::outcome).toArray(String[]::new), batch.stream().map(Result::error).toArray(String[]::new));
    return pool.preparedQuery(BroadcastSql.RECORD).execute(params);
  }
}

package io.botfactory.updates;

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
 * Runs {@link UpdateSql} for one worker, identified by its lease owner name: the outcomes of
 * handled updates on a pool of their own, the rest on the worker's pool.
 */
final class UpdateStore {

  private final Pool pool;
  private final Pool outcomes;
  private final String owner;
  private final int leaseSeconds;
  private final BotProfile.Tokens tokens;

  UpdateStore(Pool pool, Pool outcomes, String owner, int leaseSeconds, BotProfile.Tokens tokens) {
    this.pool = pool;
    this.outcomes = outcomes;
    this.owner = owner;
    this.leaseSeconds = leaseSeconds;
    this.tokens = tokens;
  }

  /** True when the bot is this worker's now; false when another holds it (or the bot is gone). */
  Future<Boolean> hold(UUID botId) {
    return pool.preparedQuery(UpdateSql.HOLD).execute(Tuple.of(botId, owner, leaseSeconds))
      .map(rows -> rows.size() == 1)
      .recover(e -> Future.succeededFuture(false));
  }

  /** The bots this worker still holds, their leases renewed. */
  Future<Set<UUID>> renew() {
    return pool.preparedQuery(UpdateSql.RENEW).execute(Tuple.of(owner, leaseSeconds)).map(rows -> {
      Set<UUID> held = new HashSet<>();
      rows.forEach(row -> held.add(row.getUUID("bot_id")));
      return held;
    });
  }

  /** True when the bot was let go (nothing of it due). */
  Future<Boolean> letGoIfIdle(UUID botId) {
    return pool.preparedQuery(UpdateSql.LET_GO_IF_IDLE).execute(Tuple.of(botId, owner)).map(rows -> rows.size() == 1);
  }

  Future<Void> letGo(UUID botId) {
    return pool.preparedQuery(UpdateSql.LET_GO).execute(Tuple.of(botId, owner)).mapEmpty();
  }

  Future<Void> letGoAll() {
    return pool.preparedQuery(UpdateSql.LET_GO_ALL).execute(Tuple.of(owner)).mapEmpty();
  }

  /**
   * The bot as handling needs it and up to {@code limit} of its updates that may be handled now,
   * after {@code after} (-1: from the first); null when the bot is gone, or no longer this
   * worker's.
   */
  Future<BotRead> read(UUID botId, int limit, long after) {
    return pool.preparedQuery(UpdateSql.READ).execute(Tuple.of(botId, limit, after, owner)).map(rows -> {
      if (rows.size() == 0 || !rows.iterator().next().getBoolean("held")) {
        return null;
      }
      BotProfile profile = null;
      List<StoredUpdate> updates = new ArrayList<>(rows.size());
      for (Row row : rows) {
        if (profile == null) {
          profile = BotProfile.from(botId, row, tokens);
        }
        if (row.getLong("update_id") != null) {
          updates.add(StoredUpdate.from(row));
        }
      }
      return new BotRead(profile, updates);
    });
  }

  /** A bot as last read, and the updates that were due. */
  record BotRead(BotProfile profile, List<StoredUpdate> updates) {
  }

  /**
   * Records the outcome; answers the handling lag in seconds, or null when nothing was written
   * (the bot is no longer this worker's, or the update was handled already).
   */
  Future<Double> handled(UUID botId, StoredUpdate update, String reply, String why, ChatOf chat, Boolean blocked) {
    Tuple params = Tuple.tuple().addUUID(botId).addLong(update.updateId()).addString(owner).addString(reply)
      .addString(why).addLong(chat == null ? null : chat.id()).addString(chat == null ? null : chat.type())
      .addBoolean(blocked);
    return outcomes.preparedQuery(UpdateSql.HANDLED).execute(params)
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getNumeric("lag").doubleValue());
  }

  /** The reply is tried again in {@code seconds}. */
  Future<Void> later(UUID botId, StoredUpdate update, long seconds, String why) {
    return outcomes.preparedQuery(UpdateSql.LATER).execute(Tuple.of(botId, update.updateId(), owner, seconds, why)).mapEmpty();
  }

  Future<List<UUID>> due(int limit) {
    return ids(UpdateSql.DUE, "bot_id", limit);
  }

  Future<List<UUID>> toPoll(int limit) {
    return ids(UpdateSql.TO_POLL, "id", limit);
  }

  /**
   * Stores polled updates and moves the offset on; false when the bot is no longer this worker's.
   * Durable, unlike the rest of this pool's work: the next getUpdates confirms these updates to
   * Telegram, which then forgets them.
   */
  Future<Boolean> storePolled(UUID botId, List<Long> ids, List<Long> chats, List<String> kinds, List<String> payloads,
                              long nextOffset) {
    Tuple params = Tuple.tuple().addUUID(botId).addString(owner).addArrayOfLong(ids.toArray(new Long[0]))
      .addArrayOfLong(chats.toArray(new Long[0])).addArrayOfString(kinds.toArray(new String[0]))
      .addArrayOfString(payloads.toArray(new String[0])).addLong(nextOffset);
    return pool.withTransaction(conn -> conn.query(UpdateSql.DURABLE_COMMIT).execute()
        .compose(v -> conn.preparedQuery(UpdateSql.STORE_POLLED).execute(params)))
      .map(rows -> rows.iterator().next().getLong("held") == 1);
  }

  Future<Long> depth() {
    return pool.query(UpdateSql.DEPTH).execute().map(rows -> rows.iterator().next().getLong("depth"));
  }

  /** Deletes one bounded batch of handled updates past their retention; answers how many. */
  Future<Integer> purge(int retentionHours, int batch) {
    return pool.preparedQuery(UpdateSql.PURGE).execute(Tuple.of(retentionHours, batch)).map(rows -> rows.rowCount());
  }

  private Future<List<UUID>> ids(String sql, String column, int limit) {
    return pool.preparedQuery(sql).execute(Tuple.of(limit)).map(rows -> {
      List<UUID> ids = new ArrayList<>(rows.size());
      for (Row row : rows) {
        ids.add(row.getUUID(column));
      }
      return ids;
    });
  }
}

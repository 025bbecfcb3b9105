package io.botfactory.engine;

import io.botfactory.bus.BusJson;
import io.botfactory.bus.IncomingUpdate;
import io.botfactory.telegram.UpdateEnvelope;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Runs {@link EngineSql} for one node: the node's lease and holds, profiles and backlogs on the
 * engine's pool; outcomes ({@link Outcomes}) on a pool of their own, so that once Telegram has
 * taken a reply its outcome does not wait behind the reads of a thousand bots.
 */
final class EngineStore {

  /** A hold just taken: the bot, its epoch, and the bot's stored getUpdates offset. */
  record Hold(UUID botId, long epoch, long pollOffset) {
  }

  /** One unhandled update as the inbox holds it; {@code update} null when it cannot be read (then it is only recorded). */
  record Stored(long updateId, IncomingUpdate update, long receivedAt, long version) {
  }

  private final Pool pool;
  private final Pool outcomes;
  private final int leaseSeconds;
  private final BotProfile.Tokens tokens;

  EngineStore(Pool pool, Pool outcomes, int leaseSeconds, BotProfile.Tokens tokens) {
    this.pool = pool;
    this.outcomes = outcomes;
    this.leaseSeconds = leaseSeconds;
    this.tokens = tokens;
  }

  Future<Void> join(String node) {
    return pool.preparedQuery(EngineSql.JOIN).execute(Tuple.of(node, leaseSeconds)).mapEmpty();
  }

  /** True when renewed; false when the lease had lapsed. */
  Future<Boolean> renew(String node) {
    return pool.preparedQuery(EngineSql.RENEW).execute(Tuple.of(node, leaseSeconds)).map(rows -> rows.size() == 1);
  }

  Future<Void> leave(String node) {
    return pool.preparedQuery(EngineSql.LEAVE).execute(Tuple.of(node)).mapEmpty();
  }

  Future<Void> forgetOldNodes() {
    return pool.query(EngineSql.FORGET).execute().mapEmpty();
  }

  /** The hold, or null when another live node holds the bot (or the bot is gone, or this node's lease lapsed). */
  Future<Hold> take(UUID botId, String node) {
    return pool.preparedQuery(EngineSql.TAKE).execute(Tuple.of(botId, node)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new Hold(botId, row.getLong("epoch"), row.getLong("poll_offset"));
    });
  }

  /** Takes up to {@code limit} bots with unhandled updates that no live node holds. */
  Future<List<Hold>> takeUnheld(String node, int limit) {
    return pool.preparedQuery(EngineSql.TAKE_UNHELD).execute(Tuple.of(node, limit)).map(rows -> {
      List<Hold> holds = new ArrayList<>(rows.size());
      for (Row row : rows) {
        holds.add(new Hold(row.getUUID("bot_id"), row.getLong("epoch"), row.getLong("poll_offset")));
      }
      return holds;
    });
  }

  /** The bots let go (among those asked). */
  Future<List<UUID>> letGo(String node, List<UUID> bots, List<Long> epochs) {
    Tuple params = Tuple.of(node, bots.toArray(new UUID[0]), epochs.toArray(new Long[0]));
    return pool.preparedQuery(EngineSql.LET_GO).execute(params).map(rows -> uuids(rows, "bot_id"));
  }

  /** The bot's profile; {@link BotProfile#gone} when the bot no longer exists. */
  Future<BotProfile> profile(UUID botId) {
    return pool.preparedQuery(EngineSql.PROFILE).execute(Tuple.of(botId)).map(rows ->
      rows.size() == 0 ? BotProfile.gone(botId) : BotProfile.from(botId, rows.iterator().next(), tokens));
  }

  /** Up to {@code limit} unhandled updates of the bot after {@code after}; null when the node no longer holds it. */
  Future<List<Stored>> backlog(UUID botId, String node, long epoch, long after, int limit) {
    return pool.preparedQuery(EngineSql.BACKLOG).execute(Tuple.of(botId, node, epoch, after, limit)).map(rows -> {
      List<Stored> stored = new ArrayList<>(rows.size());
      for (Row row : rows) {
        String meta = row.getString("meta");
        IncomingUpdate update = meta != null ? BusJson.decode(meta, IncomingUpdate.class)
          : UpdateEnvelope.read(row.getString("payload"));
        stored.add(new Stored(row.getLong("update_id"), update, row.getLong("received_at"), row.getLong("version")));
      }
      return stored;
    });
  }

  /** Runs {@link OutcomeSql.OUTCOMES}; answers the rows marked. */
  Future<RowSet<Row>> outcomes(Tuple params) {
    return outcomes.preparedQuery(OutcomeSql.OUTCOMES).execute(params);
  }

  /** The node's bots with an update unhandled for more than two seconds, each with the first one: bot, update id. */
  Future<List<Row>> lagging(String node, int limit) {
    return pool.preparedQuery(EngineSql.LAGGING).execute(Tuple.of(node, limit)).map(rows -> {
      List<Row> list = new ArrayList<>(rows.size());
      rows.forEach(list::add);
      return list;
    });
  }

  Future<List<UUID>> toPoll(String node, int limit) {
    return pool.preparedQuery(EngineSql.TO_POLL).execute(Tuple.of(node, limit)).map(rows -> uuids(rows, "id"));
  }

  /**
   * Stores polled updates and moves the offset on; null when the node no longer holds the bot,
   * else the updates stored (update id → when). Durable, unlike the rest of this pool's work: the
   * next getUpdates confirms these updates to Telegram, which then forgets them.
   */
  Future<List<long[]>> storePolled(UUID botId, String node, long epoch, Tuple updates, long nextOffset) {
    Tuple params = Tuple.tuple().addUUID(botId).addString(node).addLong(epoch);
    for (int i = 0; i < updates.size(); i++) {
      params.addValue(updates.getValue(i));
    }
    params.addLong(nextOffset);
    return pool.withTransaction(conn -> conn.query(EngineSql.DURABLE_COMMIT).execute()
        .compose(v -> conn.preparedQuery(EngineSql.STORE_POLLED).execute(params)))
      .map(rows -> {
        List<long[]> stored = new ArrayList<>();
        for (Row row : rows) {
          if (row.getLong("held") == 0) {
            return null;
          }
          if (row.getLong("update_id") != null) {
            stored.add(new long[]{row.getLong("update_id"), row.getLong("received_at")});
          }
        }
        return stored;
      });
  }

  Future<Long> depth() {
    return pool.query(EngineSql.DEPTH).execute().map(rows -> rows.iterator().next().getLong("depth"));
  }

  /** Deletes one bounded batch of handled updates past their retention; answers how many. */
  Future<Integer> purge(int retentionHours, int batch) {
    return pool.preparedQuery(EngineSql.PURGE).execute(Tuple.of(retentionHours, batch)).map(RowSet::rowCount);
  }

  private static List<UUID> uuids(RowSet<Row> rows, String column) {
    List<UUID> ids = new ArrayList<>(rows.size());
    for (Row row : rows) {
      ids.add(row.getUUID(column));
    }
    return ids;
  }
}

package io.botfactory.inbox;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.BotTake;
import io.botfactory.bus.BusJson;
import io.botfactory.bus.EngineUpdate;
import io.botfactory.bus.Failure;
import io.botfactory.bus.Ids;
import io.botfactory.bus.StoreUpdateRequest;
import io.botfactory.bus.UpdateStored;
import io.botfactory.db.Batcher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Stores delivered updates, many in one statement when they come together ({@link Batcher}: one
 * durable commit for all the updates of one round trip), and hands each stored update on, once
 * committed, to the engine node holding its bot; an update of a bot no live node holds asks an
 * engine node to take the bot. Those messages only carry the update to where it is answered:
 * the update is in PostgreSQL before anyone hears of it.
 */
final class InboxWriter {

  /** The webhook route's 401, for a bot id that is not a bot's. */
  static final String INVALID_SECRET = "Invalid webhook secret";
  /** Updates in one statement at most, and their JSON texts' total size (an update may be a megabyte). */
  private static final int MAX_BATCH = 256;
  private static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;

  /** One update to store: its bot's id, and the request. */
  private record Item(UUID botId, StoreUpdateRequest request) {
  }

  /** What the statement said of one update (see {@link InboxSql#STORE}). */
  private record Stored(Boolean active, boolean stored, long version, long receivedAt, String holder) {
  }

  private final Vertx vertx;
  private final Pool pool;
  private final Batcher<Item, Stored> batcher;

  /** {@code statements}: how many statements may run at once (each on a connection of {@code pool}). */
  InboxWriter(Vertx vertx, Pool pool, int statements) {
    this.vertx = vertx;
    this.pool = pool;
    this.batcher = new Batcher<>(MAX_BATCH, statements, MAX_BATCH_BYTES, item -> item.request().payload().length(),
      this::store);
  }

  Future<UpdateStored> store(StoreUpdateRequest request) {
    UUID bot = Ids.uuid(request.botId());
    if (bot == null || request.update() == null || request.payload() == null) {
      return Future.failedFuture(Failure.UNAUTHENTICATED.exception(INVALID_SECRET));
    }
    return batcher.submit(new Item(bot, request)).compose(result -> {
      if (result.active() == null) {
        return Future.failedFuture(Failure.UNAUTHENTICATED.exception(INVALID_SECRET));
      }
      if (!result.active()) {
        return Future.succeededFuture(new UpdateStored(UpdateStored.INACTIVE));
      }
      if (!result.stored()) {
        return Future.succeededFuture(new UpdateStored(UpdateStored.DUPLICATE));
      }
      handOn(request, result);
      return Future.succeededFuture(new UpdateStored(UpdateStored.STORED));
    });
  }

  private void handOn(StoreUpdateRequest request, Stored result) {
    if (result.holder() != null) {
      EngineUpdate update = new EngineUpdate(request.botId(), result.version(), result.receivedAt(), request.update());
      vertx.eventBus().send(Addresses.ENGINE_UPDATES.at(result.holder()).name(), update.toJson());
    } else {
      vertx.eventBus().send(Addresses.ENGINE_TAKE.name(), new BotTake(request.botId()).toJson());
    }
  }

  private Future<List<Stored>> store(List<Item> items) {
    int n = items.size();
    UUID[] bots = new UUID[n];
    Long[] ids = new Long[n];
    Long[] chats = new Long[n];
    String[] kinds = new String[n];
    String[] payloads = new String[n];
    String[] metas = new String[n];
    for (int i = 0; i < n; i++) {
      StoreUpdateRequest request = items.get(i).request();
      bots[i] = items.get(i).botId();
      ids[i] = request.update().updateId();
      chats[i] = request.update().chatId();
      kinds[i] = request.update().kind();
      payloads[i] = request.payload();
      metas[i] = BusJson.encode(request.update());
    }
    Tuple params = Tuple.of(bots, ids, chats, kinds, payloads, metas);
    return pool.preparedQuery(InboxSql.STORE).execute(params).map(rows -> {
      List<Stored> stored = new ArrayList<>(n);
      for (Row row : rows) {
        Long version = row.getLong("version");
        Long receivedAt = row.getLong("received_at");
        stored.add(new Stored(row.getBoolean("active"), row.getBoolean("stored"), version == null ? 0 : version,
          receivedAt == null ? 0 : receivedAt, row.getString("holder")));
      }
      return stored;
    });
  }
}

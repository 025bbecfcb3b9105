package io.botfactory.updates;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.Failure;
import io.botfactory.bus.Ids;
import io.botfactory.bus.ServiceEndpoints;
import io.botfactory.bus.StoreUpdateRequest;
import io.botfactory.bus.UpdateNudge;
import io.botfactory.bus.UpdateStored;
import io.botfactory.config.DbSettings;
import io.botfactory.service.DatabaseService;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.UUID;

/**
 * The inbox service (role {@code storage}): stores each update Telegram delivers, once, before
 * the webhook route acknowledges it, and nudges an update worker once it is committed. A bot
 * that does not exist is refused as the webhook route refuses a wrong secret; an inactive bot's
 * updates are stored nowhere.
 */
public class InboxVerticle extends DatabaseService {

  /** The webhook route's 401, for a bot id that is not a bot's. */
  public static final String INVALID_SECRET = "Invalid webhook secret";

  private Pool pool;

  /** {@code drainMs}: how long a stop waits for the stores in flight (each an acknowledgement Telegram waits for). */
  public InboxVerticle(DbSettings db, long drainMs) {
    super(db, "inbox", Addresses.UPDATES_HEALTH, drainMs);
  }

  @Override
  protected Future<Void> prepare(Pool pool) {
    this.pool = pool;
    return Future.succeededFuture();
  }

  @Override
  protected Future<?> bind(ServiceEndpoints endpoints) {
    return endpoints.bind(Addresses.UPDATES_STORE, this::store);
  }

  private Future<UpdateStored> store(StoreUpdateRequest request) {
    UUID bot = Ids.uuid(request.botId());
    if (bot == null) {
      return Future.failedFuture(Failure.UNAUTHENTICATED.exception(INVALID_SECRET));
    }
    Tuple params = Tuple.of(bot, request.updateId(), request.chatId(), request.kind(), request.payload());
    return pool.preparedQuery(InboxSql.STORE).execute(params).compose(rows -> {
      Row row = rows.iterator().next();
      Boolean active = row.getBoolean("active");
      if (active == null) {
        return Future.failedFuture(Failure.UNAUTHENTICATED.exception(INVALID_SECRET));
      }
      if (!active) {
        return Future.succeededFuture(new UpdateStored(UpdateStored.INACTIVE));
      }
      if (row.getLong("stored") == 0) {
        return Future.succeededFuture(new UpdateStored(UpdateStored.DUPLICATE));
      }
      vertx.eventBus().send(Addresses.UPDATES_NUDGE.name(), new UpdateNudge(request.botId()).toJson());
      return Future.succeededFuture(new UpdateStored(UpdateStored.STORED));
    });
  }
}

package io.botfactory.bots;

import io.botfactory.app.AppConfig;
import io.botfactory.bus.Addresses;
import io.botfactory.bus.BotEvent;
import io.botfactory.bus.BotPage;
import io.botfactory.bus.BusReply;
import io.botfactory.bus.Failure;
import io.botfactory.bus.Ids;
import io.botfactory.bus.ServiceEndpoints;
import io.botfactory.db.DatabaseCheck;
import io.botfactory.db.Pools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.util.List;
import java.util.UUID;

/**
 * The bot-storage service: create, list, read, change and delete a client's bots, and hand a
 * bot's decrypted token to webhook workers. Owns the {@code bots} table. After each change has
 * committed it publishes one event on {@code bots.events}; a failed change publishes nothing.
 */
public class BotStoreVerticle extends VerticleBase {

  /** Stands in for an id that is not a UUID: no bot has it, yet the query still checks the client. */
  private static final UUID NO_BOT = new UUID(0, 0);

  private Pool pool;
  private BotStore store;
  private ServiceEndpoints endpoints;
  private long busTimeoutMs;

  @Override
  public Future<?> start() {
    AppConfig config = AppConfig.from(config());
    busTimeoutMs = config.busTimeoutMs();
    pool = Pools.create(vertx, config.db(), "bots", context.getInstanceCount());
    store = new BotStore(pool, new TokenCipher(config.tokenKey().bytes(), config.tokenKey().id()));
    endpoints = new ServiceEndpoints(vertx);
    return Future.all(List.of(
      endpoints.bind(Addresses.BOTS_CREATE, this::create),
      endpoints.bind(Addresses.BOTS_LIST, this::list),
      endpoints.bind(Addresses.BOTS_GET, this::get),
      endpoints.bind(Addresses.BOTS_UPDATE, this::update),
      endpoints.bind(Addresses.BOTS_DELETE, this::delete),
      endpoints.bind(Addresses.BOTS_TOKEN, this::token),
      endpoints.bind(Addresses.BOTS_HEALTH, body -> DatabaseCheck.run(pool))));
  }

  /** Takes no new requests, answers those received (their changes commit and are published), then closes the pool. */
  @Override
  public Future<?> stop() {
    return endpoints.close(busTimeoutMs).compose(v -> pool.close());
  }

  private Future<JsonObject> create(JsonObject body) {
    TelegramToken token = TelegramToken.parse(body.getString("token"));
    if (token == null) {
      return Future.failedFuture(BotChanges.badToken());
    }
    return store.create(client(body), body.getString("name"), body.getString("description"), token)
      .andThen(ar -> publish(BotEvent.CREATED, ar.result()));
  }

  private Future<BusReply> list(JsonObject body) {
    String after = body.getString("after");
    return store.list(client(body), body.getInteger("limit", 100), after == null ? null : bot(after)).map(BotPage::reply);
  }

  private Future<JsonObject> get(JsonObject body) {
    return store.get(client(body), bot(body.getString("bot_id")));
  }

  private Future<JsonObject> update(JsonObject body) {
    BotChanges changes = BotChanges.from(body.getJsonObject("changes", new JsonObject()));
    return store.update(client(body), bot(body.getString("bot_id")), changes)
      .andThen(ar -> publish(BotEvent.UPDATED, ar.result()));
  }

  private Future<JsonObject> delete(JsonObject body) {
    return store.delete(client(body), bot(body.getString("bot_id")))
      .andThen(ar -> publish(BotEvent.DELETED, ar.result()))
      .map(deleted -> new JsonObject());
  }

  private Future<JsonObject> token(JsonObject body) {
    UUID id = Ids.uuid(body.getString("bot_id"));
    return id == null ? Future.failedFuture(Failure.NOT_FOUND.exception(BotStore.NOT_FOUND)) : store.token(id);
  }

  /** Called once the statement has completed, so the change is committed before anyone hears of it. */
  private void publish(String type, JsonObject bot) {
    if (bot != null) {
      vertx.eventBus().publish(Addresses.BOTS_EVENTS, BotEvent.of(type, bot));
    }
  }

  /** The caller's id; the router put it there from a verified token, so a bad one means the client is gone. */
  private static UUID client(JsonObject body) {
    UUID id = Ids.uuid(body.getString("client_id"));
    if (id == null) {
      throw Failure.UNAUTHENTICATED.exception(Failure.CLIENT_GONE);
    }
    return id;
  }

  private static UUID bot(String id) {
    UUID uuid = Ids.uuid(id);
    return uuid == null ? NO_BOT : uuid;
  }
}

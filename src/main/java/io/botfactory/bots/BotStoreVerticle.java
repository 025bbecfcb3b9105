package io.botfactory.bots;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.BotEvent;
import io.botfactory.bus.BotPage;
import io.botfactory.bus.BotRequest;
import io.botfactory.bus.BotToken;
import io.botfactory.bus.BotTokenRequest;
import io.botfactory.bus.BusReply;
import io.botfactory.bus.CreateBotRequest;
import io.botfactory.bus.Failure;
import io.botfactory.bus.Ids;
import io.botfactory.bus.ListBotsRequest;
import io.botfactory.bus.ServiceEndpoints;
import io.botfactory.bus.UpdateBotRequest;
import io.botfactory.config.DbSettings;
import io.botfactory.config.TokenKeySettings;
import io.botfactory.db.DatabaseService;
import io.botfactory.security.TokenCipher;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.util.UUID;

/**
 * The bot-storage service: create, list, read, change and delete a client's bots, and hand a
 * bot's decrypted token to the platform's workers. Owns the {@code bots} table. After each
 * change has committed it publishes one event on {@code bots.events}; a failed change
 * publishes nothing.
 */
public class BotStoreVerticle extends DatabaseService {

  /** Stands in for an id that is not a UUID: no bot has it, yet the query still checks the client. */
  private static final UUID NO_BOT = new UUID(0, 0);

  private final TokenKeySettings tokenKey;
  private BotStore store;

  /** {@code drainMs}: how long a stop waits for requests in flight. */
  public BotStoreVerticle(DbSettings db, TokenKeySettings tokenKey, long drainMs) {
    super(db, "bots", Addresses.BOTS_HEALTH, drainMs);
    this.tokenKey = tokenKey;
  }

  @Override
  protected Future<Void> prepare(Pool pool) {
    store = new BotStore(pool, TokenCipher.of(tokenKey));
    return Future.succeededFuture();
  }

  @Override
  protected Future<?> bind(ServiceEndpoints endpoints) {
    return Future.all(
      endpoints.bind(Addresses.BOTS_CREATE, this::create),
      endpoints.bind(Addresses.BOTS_LIST, this::list),
      endpoints.bind(Addresses.BOTS_GET, this::get),
      endpoints.bind(Addresses.BOTS_UPDATE, this::update),
      endpoints.bind(Addresses.BOTS_DELETE, this::delete),
      endpoints.bind(Addresses.BOTS_TOKEN, this::token));
  }

  private Future<JsonObject> create(CreateBotRequest request) {
    TelegramToken token = TelegramToken.parse(request.token());
    if (token == null) {
      return Future.failedFuture(BotPatch.badToken());
    }
    return store.create(client(request.clientId()), request.name(), request.description(), token)
      .andThen(ar -> publish(BotEvent.CREATED, ar.result()));
  }

  private Future<BusReply> list(ListBotsRequest request) {
    UUID after = request.after() == null ? null : bot(request.after());
    return store.list(client(request.clientId()), request.limit(), after).map(BotPage::reply);
  }

  private Future<JsonObject> get(BotRequest request) {
    return store.get(client(request.clientId()), bot(request.botId()));
  }

  private Future<JsonObject> update(UpdateBotRequest request) {
    BotPatch patch = BotPatch.of(request.changes());
    return store.update(client(request.clientId()), bot(request.botId()), patch)
      .andThen(ar -> publish(BotEvent.UPDATED, ar.result()));
  }

  private Future<JsonObject> delete(BotRequest request) {
    return store.delete(client(request.clientId()), bot(request.botId()))
      .andThen(ar -> publish(BotEvent.DELETED, ar.result()))
      .map(deleted -> new JsonObject());
  }

  private Future<BotToken> token(BotTokenRequest request) {
    UUID id = Ids.uuid(request.botId());
    return id == null ? Future.failedFuture(Failure.NOT_FOUND.exception(BotStore.NOT_FOUND)) : store.token(id);
  }

  /** Called once the statement has completed, so the change is committed before anyone hears of it. */
  private void publish(String type, JsonObject bot) {
    if (bot != null) {
      vertx.eventBus().publish(Addresses.BOTS_EVENTS, BotEvent.of(type, bot).toJson());
    }
  }

  /** The caller's id; the router put it there from a verified token, so a bad one means the client is gone. */
  private static UUID client(String clientId) {
    UUID id = Ids.uuid(clientId);
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

package io.botfactory.bots;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.BotEvent;
import io.botfactory.bus.Page;
import io.botfactory.bus.BotRequest;
import io.botfactory.bus.BotToken;
import io.botfactory.bus.BotTokenRequest;
import io.botfactory.bus.BusReply;
import io.botfactory.bus.CreateBotRequest;
import io.botfactory.bus.Ids;
import io.botfactory.bus.ListBotsRequest;
import io.botfactory.bus.ListChatsRequest;
import io.botfactory.bus.PutCommandsRequest;
import io.botfactory.bus.ServiceEndpoints;
import io.botfactory.bus.UpdateBotRequest;
import io.botfactory.config.DbSettings;
import io.botfactory.config.TelegramSettings;
import io.botfactory.config.TokenKeySettings;
import io.botfactory.security.TokenCipher;
import io.botfactory.service.DatabaseService;
import io.botfactory.telegram.TelegramClient;
import io.botfactory.telegram.TelegramClients;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.util.List;
import java.util.UUID;

/**
 * The bot-storage service: create, list, read, change and delete a client's bots (a new token
 * checked with Telegram first), their command sets and their webhook view, and hand a bot's
 * decrypted token to the platform's workers. Owns the {@code bots} table. After each
 * change has committed it publishes one event on {@code bots.events}; a failed change
 * publishes nothing.
 */
public class BotStoreVerticle extends DatabaseService {

  /** Stands in for an id that is not a UUID: no bot has it, yet the query still checks the client. */
  private static final UUID NO_BOT = new UUID(0, 0);

  private final TokenKeySettings tokenKey;
  private final TelegramSettings telegramSettings;
  private final WebhookViewThrottle webhookViews;
  /** Token checks have connections of their own: nothing else can fill their pool (see TokenCheck). */
  private TelegramClient checks;
  private TelegramClient telegram;
  private BotStore store;
  private CommandStore commands;
  private ChatStore chats;
  private WebhookView webhooks;
  private TokenCheck tokenCheck;
  private EngineNotice notice;

  /**
   * {@code webhookViews}: the node's one throttle of webhook views (shared by its instances);
   * {@code drainMs}: how long a stop waits for requests in flight (some wait for Telegram).
   */
  public BotStoreVerticle(DbSettings db, TokenKeySettings tokenKey, TelegramSettings telegram, WebhookViewThrottle webhookViews,
                          long drainMs) {
    super(db, "bots", Addresses.BOTS_HEALTH, drainMs);
    this.tokenKey = tokenKey;
    this.telegramSettings = telegram;
    this.webhookViews = webhookViews;
  }

  @Override
  protected Future<Void> prepare(Pool pool) {
    TokenCipher cipher = TokenCipher.of(tokenKey);
    checks = TelegramClients.create(vertx, telegramSettings);
    telegram = TelegramClients.create(vertx, telegramSettings);
    store = new BotStore(pool, cipher);
    commands = new CommandStore(pool);
    chats = new ChatStore(pool);
    webhooks = new WebhookView(pool, cipher, telegram, webhookViews);
    tokenCheck = new TokenCheck(checks, telegramSettings.verify());
    notice = new EngineNotice(vertx);
    return Future.succeededFuture();
  }

  @Override
  protected void release() {
    checks.close();
    telegram.close();
  }

  @Override
  protected Future<?> bind(ServiceEndpoints endpoints) {
    return Future.all(List.of(
      endpoints.bind(Addresses.BOTS_CREATE, this::create),
      endpoints.bind(Addresses.BOTS_LIST, this::list),
      endpoints.bind(Addresses.BOTS_GET, this::get),
      endpoints.bind(Addresses.BOTS_UPDATE, this::update),
      endpoints.bind(Addresses.BOTS_DELETE, this::delete),
      endpoints.bind(Addresses.BOTS_TOKEN, this::token),
      endpoints.bind(Addresses.BOTS_COMMANDS_GET, this::getCommands),
      endpoints.bind(Addresses.BOTS_COMMANDS_PUT, this::putCommands),
      endpoints.bind(Addresses.BOTS_WEBHOOK_GET, this::webhook),
      endpoints.bind(Addresses.BOTS_CHATS_LIST, this::chats)));
  }

  private Future<JsonObject> create(CreateBotRequest request) {
    TelegramToken token = TelegramToken.parse(request.token());
    if (token == null) {
      return Future.failedFuture(BotPatch.badToken());
    }
    UUID client = client(request.clientId());
    return tokenCheck.check(token)
      .compose(verdict -> store.create(client, request.name(), request.description(), token, verdict))
      .andThen(ar -> publish(BotEvent.CREATED, ar.result()));
  }

  private Future<BusReply> list(ListBotsRequest request) {
    UUID after = request.after() == null ? null : bot(request.after());
    return store.list(client(request.clientId()), request.limit(), after).map(Page::reply);
  }

  private Future<JsonObject> get(BotRequest request) {
    return store.get(client(request.clientId()), bot(request.botId()));
  }

  private Future<JsonObject> update(UpdateBotRequest request) {
    BotPatch patch = BotPatch.of(request.changes());
    UUID client = client(request.clientId());
    Future<TokenCheck.Verdict> verdict = patch.token() == null ? Future.succeededFuture() : tokenCheck.check(patch.token());
    UUID botId = bot(request.botId());
    return verdict.compose(v -> store.update(client, botId, patch, v))
      .compose(change -> notice.tell(botId, change).map(change.bot()))
      .andThen(ar -> publish(BotEvent.UPDATED, ar.result()));
  }

  private Future<JsonObject> delete(BotRequest request) {
    UUID botId = bot(request.botId());
    return store.delete(client(request.clientId()), botId)
      .compose(change -> notice.tell(botId, change).map(change.bot()))
      .andThen(ar -> publish(BotEvent.DELETED, ar.result()))
      .map(deleted -> new JsonObject());
  }

  private Future<BotToken> token(BotTokenRequest request) {
    UUID id = Ids.uuid(request.botId());
    return id == null ? Future.failedFuture(Owned.botNotFound()) : store.token(id);
  }

  private Future<JsonObject> getCommands(BotRequest request) {
    return commands.get(client(request.clientId()), bot(request.botId())).map(CommandSet::toJson);
  }

  /** The set is checked before anything is stored; the bot's new state is published, as for any change. */
  private Future<JsonObject> putCommands(PutCommandsRequest request) {
    UUID client = client(request.clientId());
    CommandSet set = CommandSet.parse(request.commands(), request.fallbackReply());
    return commands.put(client, bot(request.botId()), set)
      .andThen(ar -> publish(BotEvent.UPDATED, ar.result()))
      .map(bot -> set.toJson());
  }

  private Future<BusReply> chats(ListChatsRequest request) {
    return chats.list(client(request.clientId()), bot(request.botId()), request.limit(), request.after()).map(Page::reply);
  }

  private Future<JsonObject> webhook(BotRequest request) {
    return webhooks.get(client(request.clientId()), bot(request.botId()));
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
      throw Owned.clientGone();
    }
    return id;
  }

  private static UUID bot(String id) {
    UUID uuid = Ids.uuid(id);
    return uuid == null ? NO_BOT : uuid;
  }
}

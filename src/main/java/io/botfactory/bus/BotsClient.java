package io.botfactory.bus;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/** The Java face of the bot-storage service's addresses, for the HTTP layer. */
public class BotsClient {

  private final BusClient bus;
  private final BusClient telegramBound;
  private final BusClient changes;

  /**
   * {@code telegramBound} serves the requests whose service asks Telegram first (a new token is
   * checked with getMe, the webhook view asks getWebhookInfo), with a timeout that long longer;
   * {@code changes} the changes of a bot, which may also wait for the engine node holding it.
   */
  public BotsClient(BusClient bus, BusClient telegramBound, BusClient changes) {
    this.bus = bus;
    this.telegramBound = telegramBound;
    this.changes = changes;
  }

  /** → Bot. */
  public Future<JsonObject> create(CreateBotRequest request, String requestId) {
    return telegramBound.request(Addresses.BOTS_CREATE, request, requestId);
  }

  /** A page of the client's bots, oldest first. */
  public Future<Page> list(ListBotsRequest request, String requestId) {
    return bus.<ListBotsRequest, Buffer>message(Addresses.BOTS_LIST, request, requestId).map(Page::of);
  }

  /** → Bot. */
  public Future<JsonObject> get(BotRequest request, String requestId) {
    return bus.request(Addresses.BOTS_GET, request, requestId);
  }

  /** → Bot, with a later {@code updated_at}. */
  public Future<JsonObject> update(UpdateBotRequest request, String requestId) {
    return changes.request(Addresses.BOTS_UPDATE, request, requestId);
  }

  /** → {"commands", "fallback_reply"}. */
  public Future<JsonObject> commands(BotRequest request, String requestId) {
    return bus.request(Addresses.BOTS_COMMANDS_GET, request, requestId);
  }

  /** → {"commands", "fallback_reply"}, as stored. */
  public Future<JsonObject> putCommands(PutCommandsRequest request, String requestId) {
    return bus.request(Addresses.BOTS_COMMANDS_PUT, request, requestId);
  }

  /** A page of a bot's chats, oldest first. */
  public Future<Page> chats(ListChatsRequest request, String requestId) {
    return bus.<ListChatsRequest, Buffer>message(Addresses.BOTS_CHATS_LIST, request, requestId).map(Page::of);
  }

  /** → the stored webhook state and Telegram's live view. */
  public Future<JsonObject> webhook(BotRequest request, String requestId) {
    return telegramBound.request(Addresses.BOTS_WEBHOOK_GET, request, requestId);
  }

  public Future<Void> delete(BotRequest request, String requestId) {
    return changes.request(Addresses.BOTS_DELETE, request, requestId).mapEmpty();
  }
}

package io.botfactory.bus;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/** The Java face of the bot-storage service's addresses, for the HTTP layer. */
public class BotsClient {

  private final BusClient bus;

  public BotsClient(BusClient bus) {
    this.bus = bus;
  }

  /** → Bot. */
  public Future<JsonObject> create(CreateBotRequest request, String requestId) {
    return bus.request(Addresses.BOTS_CREATE, request, requestId);
  }

  /** A page of the client's bots, oldest first. */
  public Future<BotPage> list(ListBotsRequest request, String requestId) {
    return bus.<ListBotsRequest, Buffer>message(Addresses.BOTS_LIST, request, requestId).map(BotPage::of);
  }

  /** → Bot. */
  public Future<JsonObject> get(BotRequest request, String requestId) {
    return bus.request(Addresses.BOTS_GET, request, requestId);
  }

  /** → Bot, with a later {@code updated_at}. */
  public Future<JsonObject> update(UpdateBotRequest request, String requestId) {
    return bus.request(Addresses.BOTS_UPDATE, request, requestId);
  }

  public Future<Void> delete(BotRequest request, String requestId) {
    return bus.request(Addresses.BOTS_DELETE, request, requestId).mapEmpty();
  }
}

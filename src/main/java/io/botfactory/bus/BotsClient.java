package io.botfactory.bus;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** The typed Java face of the bot-storage service's addresses. */
public class BotsClient {

  private final BusClient bus;

  public BotsClient(BusClient bus) {
    this.bus = bus;
  }

  public Future<JsonObject> create(String clientId, String name, String description, String token, String requestId) {
    JsonObject body = new JsonObject()
      .put("client_id", clientId)
      .put("name", name)
      .put("description", description)
      .put("token", token);
    return bus.request(Addresses.BOTS_CREATE, body, requestId);
  }

  /** A page of the client's bots, oldest first. {@code after} may be null. */
  public Future<BotPage> list(String clientId, int limit, String after, String requestId) {
    JsonObject body = new JsonObject()
      .put("client_id", clientId)
      .put("limit", limit)
      .put("after", after);
    return bus.<io.vertx.core.buffer.Buffer>message(Addresses.BOTS_LIST, body, requestId).map(BotPage::of);
  }

  public Future<JsonObject> get(String clientId, String botId, String requestId) {
    return bus.request(Addresses.BOTS_GET, owned(clientId, botId), requestId);
  }

  /** {@code changes} holds only the fields to change; a null description clears it. */
  public Future<JsonObject> update(String clientId, String botId, JsonObject changes, String requestId) {
    return bus.request(Addresses.BOTS_UPDATE, owned(clientId, botId).put("changes", changes), requestId);
  }

  public Future<Void> delete(String clientId, String botId, String requestId) {
    return bus.request(Addresses.BOTS_DELETE, owned(clientId, botId), requestId).mapEmpty();
  }

  /** The decrypted token of one bot, for webhook workers. Never exposed over HTTP. */
  public Future<JsonObject> token(String botId, String requestId) {
    return bus.request(Addresses.BOTS_TOKEN, new JsonObject().put("bot_id", botId), requestId);
  }

  private static JsonObject owned(String clientId, String botId) {
    return new JsonObject().put("client_id", clientId).put("bot_id", botId);
  }
}

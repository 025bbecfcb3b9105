package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/** {@code integration.messages.get}: one API message of one bot of the caller, ids as given in the URL. */
public record MessageRequest(String clientId, String botId, String messageId) implements BusMessage {

  public static MessageRequest fromJson(JsonObject json) {
    return new MessageRequest(json.getString("client_id"), json.getString("bot_id"), json.getString("message_id"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("bot_id", botId).put("message_id", messageId);
  }
}

package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@code integration.messages.send}: a message to queue for one chat of one bot of the caller;
 * {@code idempotencyKey}: the request's {@code Idempotency-Key} header, or null.
 */
public record SendMessageRequest(String clientId, String botId, long chatId, String text, boolean silent,
                                 String idempotencyKey) implements BusMessage {

  public static SendMessageRequest fromJson(JsonObject json) {
    return new SendMessageRequest(json.getString("client_id"), json.getString("bot_id"), json.getLong("chat_id"),
      json.getString("text"), json.getBoolean("silent", false), json.getString("idempotency_key"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("bot_id", botId).put("chat_id", chatId).put("text", text)
      .put("silent", silent).put("idempotency_key", idempotencyKey);
  }
}

package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@code audience.broadcasts.create}: a new broadcast of one bot of the caller: its text, whether
 * it is sent silently, its segment as the request gave it (null: every active subscriber) and
 * when to send it ({@code sendAt} as given, null: now).
 */
public record CreateBroadcastRequest(String clientId, String botId, String text, boolean silent, JsonObject segment,
                                     String sendAt) implements BusMessage {

  public static CreateBroadcastRequest fromJson(JsonObject json) {
    return new CreateBroadcastRequest(json.getString("client_id"), json.getString("bot_id"), json.getString("text"),
      json.getBoolean("silent", false), json.getJsonObject("segment"), json.getString("send_at"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("bot_id", botId).put("text", text).put("silent", silent)
      .put("segment", segment).put("send_at", sendAt);
  }
}

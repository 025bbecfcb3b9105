package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@code audience.broadcasts.recipients.csv}: a page of the recipients of one broadcast of one bot
 * of the caller, by chat id, after the chat {@code after} (null: the first page, with the header row).
 */
public record ListRecipientsRequest(String clientId, String botId, String broadcastId, int limit, Long after)
  implements BusMessage {

  public static ListRecipientsRequest fromJson(JsonObject json) {
    return new ListRecipientsRequest(json.getString("client_id"), json.getString("bot_id"), json.getString("broadcast_id"),
      json.getInteger("limit", 1000), json.getLong("after"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("bot_id", botId).put("broadcast_id", broadcastId)
      .put("limit", limit).put("after", after);
  }
}

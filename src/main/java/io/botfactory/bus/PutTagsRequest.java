package io.botfactory.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code audience.subscribers.tags.put}: replaces the tags of one subscriber of one bot of the caller. */
public record PutTagsRequest(String clientId, String botId, long chatId, JsonArray tags) implements BusMessage {

  public static PutTagsRequest fromJson(JsonObject json) {
    return new PutTagsRequest(json.getString("client_id"), json.getString("bot_id"), json.getLong("chat_id"),
      json.getJsonArray("tags"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("bot_id", botId).put("chat_id", chatId).put("tags", tags);
  }
}

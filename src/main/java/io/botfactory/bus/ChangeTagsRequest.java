package io.botfactory.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code audience.subscribers.tags.change}: adds the tags {@code add} to, and takes the tags
 * {@code remove} from, the subscribers {@code chatIds} (chat ids) of one bot of the caller.
 */
public record ChangeTagsRequest(String clientId, String botId, JsonArray chatIds, JsonArray add, JsonArray remove)
  implements BusMessage {

  public static ChangeTagsRequest fromJson(JsonObject json) {
    return new ChangeTagsRequest(json.getString("client_id"), json.getString("bot_id"), json.getJsonArray("chat_ids"),
      json.getJsonArray("add"), json.getJsonArray("remove"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("bot_id", botId).put("chat_ids", chatIds).put("add", add)
      .put("remove", remove);
  }
}

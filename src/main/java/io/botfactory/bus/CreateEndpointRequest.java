package io.botfactory.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code integration.endpoints.create}: a new event endpoint of one bot of the caller, as the request gave it. */
public record CreateEndpointRequest(String clientId, String botId, String url, JsonArray events, String description)
  implements BusMessage {

  public static CreateEndpointRequest fromJson(JsonObject json) {
    return new CreateEndpointRequest(json.getString("client_id"), json.getString("bot_id"), json.getString("url"),
      json.getJsonArray("events"), json.getString("description"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("bot_id", botId).put("url", url).put("events", events)
      .put("description", description);
  }
}

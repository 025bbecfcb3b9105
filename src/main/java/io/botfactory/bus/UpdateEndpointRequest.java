package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@code integration.endpoints.update}: changes to one event endpoint, as the request gave them:
 * any of {@code url}, {@code events}, {@code description} (null clears it), {@code status}.
 */
public record UpdateEndpointRequest(String clientId, String botId, String endpointId, JsonObject changes)
  implements BusMessage {

  public static UpdateEndpointRequest fromJson(JsonObject json) {
    return new UpdateEndpointRequest(json.getString("client_id"), json.getString("bot_id"), json.getString("endpoint_id"),
      json.getJsonObject("changes"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("bot_id", botId).put("endpoint_id", endpointId)
      .put("changes", changes);
  }
}

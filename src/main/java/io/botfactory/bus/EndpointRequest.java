package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@code integration.endpoints.get}, {@code .delete}, {@code .rotate}: one event endpoint of one
 * bot of the caller; both ids as given in the URL, maybe not UUIDs.
 */
public record EndpointRequest(String clientId, String botId, String endpointId) implements BusMessage {

  public static EndpointRequest fromJson(JsonObject json) {
    return new EndpointRequest(json.getString("client_id"), json.getString("bot_id"), json.getString("endpoint_id"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("bot_id", botId).put("endpoint_id", endpointId);
  }
}

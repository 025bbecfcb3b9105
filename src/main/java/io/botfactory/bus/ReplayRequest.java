package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/** {@code integration.endpoints.replay}: every failed delivery of one endpoint created since {@code since} (a timestamp as given), again. */
public record ReplayRequest(String clientId, String botId, String endpointId, String since) implements BusMessage {

  public static ReplayRequest fromJson(JsonObject json) {
    return new ReplayRequest(json.getString("client_id"), json.getString("bot_id"), json.getString("endpoint_id"),
      json.getString("since"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("bot_id", botId).put("endpoint_id", endpointId)
      .put("since", since);
  }
}

package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/** {@code clients.get}: the caller's own client id, from its verified token. */
public record ClientRequest(String clientId) implements BusMessage {

  public static ClientRequest fromJson(JsonObject json) {
    return new ClientRequest(json.getString("client_id"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId);
  }
}

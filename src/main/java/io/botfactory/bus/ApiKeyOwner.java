package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/** The reply of {@code auth.apikey.verify}: the key's client, and the key's id. */
public record ApiKeyOwner(String clientId, String keyId) implements BusMessage {

  public static ApiKeyOwner fromJson(JsonObject json) {
    return new ApiKeyOwner(json.getString("client_id"), json.getString("key_id"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("key_id", keyId);
  }
}

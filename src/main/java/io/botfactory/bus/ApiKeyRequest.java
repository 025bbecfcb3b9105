package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/** {@code auth.apikeys.delete}: one key of the caller; {@code keyId} as given in the URL, maybe not a UUID. */
public record ApiKeyRequest(String clientId, String keyId) implements BusMessage {

  public static ApiKeyRequest fromJson(JsonObject json) {
    return new ApiKeyRequest(json.getString("client_id"), json.getString("key_id"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("key_id", keyId);
  }
}

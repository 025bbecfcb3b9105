package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/**
 * Published on {@link Addresses#AUTH_APIKEYS_REVOKED} once a key's deletion has committed, so
 * that every HTTP node drops the key from its cache at once: by id, never by its hash.
 */
public record ApiKeyRevoked(String keyId, String clientId) implements BusMessage {

  public static ApiKeyRevoked fromJson(JsonObject json) {
    return new ApiKeyRevoked(json.getString("key_id"), json.getString("client_id"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("key_id", keyId).put("client_id", clientId);
  }
}

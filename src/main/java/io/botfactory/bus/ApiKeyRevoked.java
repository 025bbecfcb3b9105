package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@code auth.apikeys.revoked.<listener>}: a key's deletion has committed; the HTTP verticle
 * instance drops the key from its cache, then answers. By id, never by its hash.
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

package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/** The reply of {@code auth.login}, which is also the body of {@code POST /auth/token}'s 200. */
public record AccessToken(String accessToken, String tokenType, int expiresIn) implements BusMessage {

  public static AccessToken bearer(String jwt, int expiresIn) {
    return new AccessToken(jwt, "bearer", expiresIn);
  }

  public static AccessToken fromJson(JsonObject json) {
    return new AccessToken(json.getString("access_token"), json.getString("token_type"), json.getInteger("expires_in"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("access_token", accessToken).put("token_type", tokenType).put("expires_in", expiresIn);
  }

  @Override
  public String toString() {
    return "AccessToken[expiresIn=" + expiresIn + "]";
  }
}

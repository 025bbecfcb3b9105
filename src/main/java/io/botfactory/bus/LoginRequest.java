package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/** {@code auth.login}: the OAuth2 password-flow fields, and {@code source}, the caller's address. */
public record LoginRequest(String email, String password, String source) implements BusMessage {

  public static LoginRequest fromJson(JsonObject json) {
    return new LoginRequest(json.getString("email"), json.getString("password"), json.getString("source"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("email", email).put("password", password).put("source", source);
  }

  @Override
  public String toString() {
    return "LoginRequest[email=" + email + ", source=" + source + "]";
  }
}

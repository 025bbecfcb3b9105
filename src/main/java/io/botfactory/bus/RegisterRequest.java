package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/** {@code auth.register}: the fields of a sign-up, already validated by the router, and {@code source}, the caller's address. */
public record RegisterRequest(String email, String password, String fullName, String source) implements BusMessage {

  public static RegisterRequest fromJson(JsonObject json) {
    return new RegisterRequest(json.getString("email"), json.getString("password"), json.getString("full_name"),
      json.getString("source"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("email", email).put("password", password).put("full_name", fullName).put("source", source);
  }

  @Override
  public String toString() {
    return "RegisterRequest[email=" + email + ", source=" + source + "]";
  }
}

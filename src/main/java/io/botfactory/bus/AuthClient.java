package io.botfactory.bus;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** The typed Java face of the auth service's addresses. */
public class AuthClient {

  private final BusClient bus;
  private final BusClient hashing;

  /**
   * {@code hashing} serves sign-up and login, with a longer timeout: they wait their turn for
   * Argon2, which a login storm makes long, where the other requests need no more than the bus
   * timeout.
   */
  public AuthClient(BusClient bus, BusClient hashing) {
    this.bus = bus;
    this.hashing = hashing;
  }

  public Future<JsonObject> register(String email, String password, String fullName, String requestId) {
    JsonObject body = new JsonObject()
      .put("email", email)
      .put("password", password)
      .put("full_name", fullName);
    return hashing.request(Addresses.AUTH_REGISTER, body, requestId);
  }

  public Future<JsonObject> login(String email, String password, String source, String requestId) {
    JsonObject body = new JsonObject()
      .put("email", email)
      .put("password", password)
      .put("source", source);
    return hashing.request(Addresses.AUTH_LOGIN, body, requestId);
  }

  public Future<JsonObject> client(String clientId, String requestId) {
    return bus.request(Addresses.CLIENTS_GET, new JsonObject().put("client_id", clientId), requestId);
  }
}

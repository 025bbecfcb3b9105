package io.botfactory.bus;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** The Java face of the auth service's addresses. */
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

  /** → Client. */
  public Future<JsonObject> register(RegisterRequest request, String requestId) {
    return hashing.request(Addresses.AUTH_REGISTER, request, requestId);
  }

  /** → the JSON of an {@link AccessToken}. */
  public Future<JsonObject> login(LoginRequest request, String requestId) {
    return hashing.request(Addresses.AUTH_LOGIN, request, requestId);
  }

  /** → Client. */
  public Future<JsonObject> client(String clientId, String requestId) {
    return bus.request(Addresses.CLIENTS_GET, new ClientRequest(clientId), requestId);
  }

  /** → ApiKey, without the key. */
  public Future<JsonObject> createApiKey(CreateApiKeyRequest request, String requestId) {
    return bus.request(Addresses.AUTH_APIKEYS_CREATE, request, requestId);
  }

  /** → {"api_keys": [ApiKey]}. */
  public Future<JsonObject> apiKeys(String clientId, String requestId) {
    return bus.request(Addresses.AUTH_APIKEYS_LIST, new ClientRequest(clientId), requestId);
  }

  /** → {}. */
  public Future<JsonObject> deleteApiKey(ApiKeyRequest request, String requestId) {
    return bus.request(Addresses.AUTH_APIKEYS_DELETE, request, requestId);
  }

  /** The key's owner; fails with {@link Failure#UNAUTHENTICATED} when no key has this hash. */
  public Future<ApiKeyOwner> verifyApiKey(String keyHash, String requestId) {
    return bus.request(Addresses.AUTH_APIKEY_VERIFY, new VerifyApiKeyRequest(keyHash), requestId)
      .map(json -> BusJson.fromJson(json, ApiKeyOwner.class));
  }
}

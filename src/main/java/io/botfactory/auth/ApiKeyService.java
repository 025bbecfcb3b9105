package io.botfactory.auth;

import io.botfactory.bus.ApiKeyListeners;
import io.botfactory.bus.ApiKeyOwner;
import io.botfactory.bus.ApiKeyRequest;
import io.botfactory.bus.ApiKeyRevoked;
import io.botfactory.bus.ClientRequest;
import io.botfactory.bus.CreateApiKeyRequest;
import io.botfactory.bus.Failure;
import io.botfactory.bus.Ids;
import io.botfactory.bus.VerifyApiKeyRequest;
import io.botfactory.security.ApiKeySecrets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * The auth service's API keys: create (at most {@value #MAX_KEYS} per client), list, revoke
 * (answered once every HTTP verticle instance of the cluster has dropped the key from its cache,
 * {@link ApiKeyListeners}) and the gate's lookups by hash. Anyone who sends a bearer key causes a lookup, so
 * at most {@value #MAX_LOOKUPS} of this instance's are in flight at once, and past them a lookup
 * fails at once as unavailable (503) without reaching the database: a flood of made-up keys
 * never puts more than that many statements ahead of a login or an account read of this
 * instance (the pool runs them in turn on its connections), and never fills the pool's wait
 * queue, which would turn every other request away. Used on the auth verticle's event loop
 * only.
 */
final class ApiKeyService {

  static final int MAX_KEYS = 20;
  static final String TOO_MANY = "An account holds at most " + MAX_KEYS + " API keys; revoke one first";
  /** A key's {@code last_used_at} is written at most this often. */
  static final int LAST_USED_EVERY_S = 60;
  /** Lookups in flight per instance: an index read each, a few milliseconds' wait at most for what queues behind them. */
  static final int MAX_LOOKUPS = 16;
  /** How long a revocation waits for each HTTP instance to confirm: within the caller's bus timeout. */
  static final long CONFIRM_WAIT_MS = 1000;
  private static final UUID NO_KEY = new UUID(0, 0);

  private final Vertx vertx;
  private final ApiKeyStore store;
  private int lookups;

  ApiKeyService(Vertx vertx, ApiKeyStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  Future<JsonObject> create(CreateApiKeyRequest request) {
    UUID client = Ids.uuid(request.clientId());
    byte[] hash = ApiKeySecrets.hashBytes(request.keyHash());
    if (client == null) {
      return clientGone();
    }
    if (hash == null || request.name() == null) {
      return Future.failedFuture(Failure.INVALID.exception("[]"));
    }
    return store.insert(client, request.name(), hash, MAX_KEYS, TOO_MANY);
  }

  Future<JsonObject> list(ClientRequest request) {
    UUID client = Ids.uuid(request.clientId());
    return client == null ? clientGone() : store.list(client);
  }

  /** The same 404 for another client's key, an unknown id and one that is not a UUID. */
  Future<JsonObject> delete(ApiKeyRequest request) {
    UUID client = Ids.uuid(request.clientId());
    UUID key = Ids.uuid(request.keyId());
    if (client == null) {
      return clientGone();
    }
    // An id that is not a UUID takes the same statement as an unknown one (no key has the nil UUID).
    UUID id = key == null ? NO_KEY : key;
    return store.delete(id, client)
      .compose(v -> ApiKeyListeners.tell(vertx, new ApiKeyRevoked(id.toString(), client.toString()), CONFIRM_WAIT_MS))
      .map(v -> new JsonObject());
  }

  /** The key's owner; UNAUTHENTICATED when no key has the hash, UNAVAILABLE past the cap. */
  Future<ApiKeyOwner> verify(VerifyApiKeyRequest request) {
    byte[] hash = ApiKeySecrets.hashBytes(request.keyHash());
    if (hash == null) {
      return clientGone();
    }
    if (lookups >= MAX_LOOKUPS) {
      return Future.failedFuture(Failure.UNAVAILABLE.exception(Failure.UNAVAILABLE_DETAIL));
    }
    lookups++;
    return store.owner(hash, LAST_USED_EVERY_S)
      .andThen(ar -> lookups--)
      .compose(owner -> owner == null ? clientGone() : Future.succeededFuture(owner));
  }

  /** The gate's one refusal, whatever was wrong: "Could not validate credentials". */
  private static <T> Future<T> clientGone() {
    return Future.failedFuture(Failure.UNAUTHENTICATED.exception(Failure.CLIENT_GONE));
  }
}

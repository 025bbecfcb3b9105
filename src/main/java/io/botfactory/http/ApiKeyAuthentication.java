package io.botfactory.http;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.ApiKeyOwner;
import io.botfactory.bus.BusClient;
import io.botfactory.bus.Failure;
import io.botfactory.bus.VerifyApiKeyRequest;
import io.botfactory.security.ApiKeySecrets;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;

/**
 * Authentication by API key ({@code Authorization: Bearer bfk_...}), as a Vert.x
 * {@link SimpleAuthenticationHandler} for the gate's chain beside the JWT handler. The key is
 * hashed here and only its hash is asked about, over the bus ({@code auth.apikey.verify}),
 * through this instance's {@link ApiKeyCache}; the HTTP layer never touches the database. The
 * user it makes carries the client id as {@code sub}, as a login token's does, and
 * {@value #AMR} among its authentication methods.
 *
 * <p>Every refusal is the same 401, with no lookup for what does not have a key's form, and one
 * lookup (the same query, the same answer) for an unknown, a revoked and a wrong key. A service
 * that cannot answer is a 503, never a 401: the key may be good.
 */
final class ApiKeyAuthentication {

  /** The authentication method of a user let in by an API key. */
  static final String AMR = "api_key";

  private static final HttpException REFUSED = new HttpException(401);

  private final BusClient bus;
  private final ApiKeyCache cache;

  ApiKeyAuthentication(BusClient bus, ApiKeyCache cache) {
    this.bus = bus;
    this.cache = cache;
  }

  AuthenticationHandler handler() {
    return SimpleAuthenticationHandler.create().authenticate(this::authenticate);
  }

  /** The client of a user let in by a key (its {@code sub}); null when {@code user} came in another way. */
  static String clientId(User user) {
    return user != null && user.hasAmr(AMR) ? user.principal().getString("sub") : null;
  }

  private Future<User> authenticate(RoutingContext ctx) {
    String key = BearerTokenGate.credentials(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
    if (!ApiKeySecrets.wellFormed(key)) {
      return Future.failedFuture(REFUSED);
    }
    String requestId = RequestIds.get(ctx);
    return cache.owner(ApiKeySecrets.hash(key), hash -> owner(hash, requestId))
      .transform(ar -> {
        if (ar.failed()) {
          // The failure handler answers 503 with the service's reason (BearerTokenGate.unavailable).
          return Future.failedFuture(new HttpException(503, ar.cause()));
        }
        return ar.result() == null ? Future.failedFuture(REFUSED) : Future.succeededFuture(user(ar.result()));
      });
  }

  /** The owner of the key with this hash, asked of the auth service; null when no key has it. */
  private Future<ApiKeyOwner> owner(String hash, String requestId) {
    return bus.request(Addresses.AUTH_APIKEY_VERIFY, new VerifyApiKeyRequest(hash), requestId, ApiKeyOwner.class)
      .recover(ApiKeyAuthentication::unknown);
  }

  /** The service's "no such key" is an answer (null), to be remembered; anything else is a failure. */
  private static Future<ApiKeyOwner> unknown(Throwable failure) {
    return Failure.of(failure) == Failure.UNAUTHENTICATED ? Future.succeededFuture(null) : Future.failedFuture(failure);
  }

  private static User user(ApiKeyOwner owner) {
    return User.create(new JsonObject()
      .put("sub", owner.clientId())
      .put("key_id", owner.keyId())
      .put("amr", new JsonArray().add(AMR)));
  }
}

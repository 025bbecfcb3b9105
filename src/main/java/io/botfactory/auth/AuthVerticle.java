package io.botfactory.auth;

import io.botfactory.app.AppConfig;
import io.botfactory.bus.Addresses;
import io.botfactory.bus.Failure;
import io.botfactory.bus.Ids;
import io.botfactory.bus.ServiceEndpoints;
import io.botfactory.db.Pools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.sqlclient.Pool;

import java.util.UUID;

/**
 * The auth service: registers clients, logs them in (Argon2id off the event loop, a JWT on
 * success) and looks clients up for the gated routes. Owns the {@code clients} table.
 */
public class AuthVerticle extends VerticleBase {

  static final String BAD_LOGIN = "Incorrect email or password";
  static final String BAD_CREDENTIALS = "Could not validate credentials";

  private Pool pool;
  private PasswordHasher hasher;
  private ClientStore clients;
  private JWTAuth jwt;
  private int tokenTtlSeconds;
  private ServiceEndpoints endpoints;
  private long busTimeoutMs;

  @Override
  public Future<?> start() {
    AppConfig config = AppConfig.from(config());
    pool = Pools.create(vertx, config.db(), "auth");
    clients = new ClientStore(pool);
    hasher = new PasswordHasher(vertx, config.argon2());
    jwt = JwtFactory.create(vertx, config.jwt());
    tokenTtlSeconds = config.jwt().ttlSeconds();
    endpoints = new ServiceEndpoints(vertx);
    busTimeoutMs = config.busTimeoutMs();
    return hasher.start().compose(v -> Future.all(
      endpoints.bind(Addresses.AUTH_REGISTER, this::register),
      endpoints.bind(Addresses.AUTH_LOGIN, this::login),
      endpoints.bind(Addresses.CLIENTS_GET, this::client)));
  }

  /** Takes no new requests, answers those received (sign-ups commit), then closes the hasher and the pool. */
  @Override
  public Future<?> stop() {
    return endpoints.close(busTimeoutMs).compose(v -> {
      hasher.close();
      return pool.close();
    });
  }

  private Future<JsonObject> register(JsonObject body) {
    String email = body.getString("email");
    String fullName = body.getString("full_name");
    return hasher.hash(body.getString("password"))
      .compose(hash -> clients.insert(email, hash, fullName));
  }

  /** Unknown email and wrong password take the same path and the same time: one query, one Argon2 verify. */
  private Future<JsonObject> login(JsonObject body) {
    String password = body.getString("password");
    return clients.credentials(body.getString("email"))
      .compose(row -> hasher.verify(row == null ? null : row.getString("password_hash"), password)
        .compose(ok -> ok
          ? Future.succeededFuture(token(row.getUUID("id")))
          : Future.failedFuture(Failure.UNAUTHENTICATED.exception(BAD_LOGIN))));
  }

  private JsonObject token(UUID clientId) {
    String accessToken = jwt.generateToken(new JsonObject().put("sub", clientId.toString()));
    return new JsonObject()
      .put("access_token", accessToken)
      .put("token_type", "bearer")
      .put("expires_in", tokenTtlSeconds);
  }

  private Future<JsonObject> client(JsonObject body) {
    UUID id = Ids.uuid(body.getString("client_id"));
    if (id == null) {
      return Future.failedFuture(Failure.UNAUTHENTICATED.exception(BAD_CREDENTIALS));
    }
    return clients.find(id).compose(client -> client == null
      ? Future.failedFuture(Failure.UNAUTHENTICATED.exception(BAD_CREDENTIALS))
      : Future.succeededFuture(client));
  }
}

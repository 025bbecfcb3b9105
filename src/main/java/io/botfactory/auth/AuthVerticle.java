package io.botfactory.auth;

import io.botfactory.app.AppConfig;
import io.botfactory.bus.Addresses;
import io.botfactory.bus.Failure;
import io.botfactory.bus.Ids;
import io.botfactory.bus.ServiceEndpoints;
import io.botfactory.db.DatabaseCheck;
import io.botfactory.db.Pools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.sqlclient.Pool;

import java.util.UUID;

/**
 * The auth service: registers clients, logs them in (throttled; Argon2id off the event loop; a
 * JWT on success) and looks clients up for the gated routes. Owns the {@code clients} and
 * {@code login_failures} tables.
 */
public class AuthVerticle extends VerticleBase {

  static final String BAD_LOGIN = "Incorrect email or password";
  private static final long PURGE_EVERY_MS = 60_000;

  private Pool pool;
  private PasswordHasher hasher;
  private ClientStore clients;
  private JWTAuth jwt;
  private LoginThrottle throttle;
  private int tokenTtlSeconds;
  private long purgeTimer;
  private ServiceEndpoints endpoints;
  private long busTimeoutMs;

  @Override
  public Future<?> start() {
    AppConfig config = AppConfig.from(config());
    pool = Pools.create(vertx, config.db(), "auth", context.getInstanceCount());
    clients = new ClientStore(pool);
    hasher = new PasswordHasher(vertx, config.argon2());
    jwt = JwtFactory.create(vertx, config.jwt());
    tokenTtlSeconds = config.jwt().ttlSeconds();
    throttle = new PgLoginThrottle(pool, config.login());
    purgeTimer = vertx.setPeriodic(PURGE_EVERY_MS, id -> throttle.purgeExpired());
    endpoints = new ServiceEndpoints(vertx);
    busTimeoutMs = config.busTimeoutMs();
    return hasher.start().compose(v -> Future.all(
      endpoints.bind(Addresses.AUTH_REGISTER, this::register),
      endpoints.bind(Addresses.AUTH_LOGIN, this::login),
      endpoints.bind(Addresses.CLIENTS_GET, this::client),
      endpoints.bind(Addresses.AUTH_HEALTH, body -> DatabaseCheck.run(pool))));
  }

  /** Takes no new requests, answers those received (sign-ups commit), then closes the hasher and the pool. */
  @Override
  public Future<?> stop() {
    vertx.cancelTimer(purgeTimer);
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

  /**
   * Throttle first; then unknown email and wrong password take the same path and the same time
   * (one query, one Argon2 verify); a failure is counted, a success forgets the email's failures.
   */
  private Future<JsonObject> login(JsonObject body) {
    String email = body.getString("email");
    String password = body.getString("password");
    String source = body.getString("source", "unknown");
    return throttle.check(email, source).compose(failuresOnRecord -> clients.credentials(email)
      .compose(row -> hasher.verify(row == null ? null : row.getString("password_hash"), password).compose(ok -> {
        if (!ok) {
          return throttle.failed(email, source)
            .transform(counted -> Future.failedFuture(Failure.UNAUTHENTICATED.exception(BAD_LOGIN)));
        }
        Future<Void> forgotten = failuresOnRecord ? throttle.succeeded(email) : Future.succeededFuture();
        return forgotten.map(v -> token(row.getUUID("id")));
      })));
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
      return Future.failedFuture(Failure.UNAUTHENTICATED.exception(Failure.CLIENT_GONE));
    }
    return clients.find(id).compose(client -> client == null
      ? Future.failedFuture(Failure.UNAUTHENTICATED.exception(Failure.CLIENT_GONE))
      : Future.succeededFuture(client));
  }
}

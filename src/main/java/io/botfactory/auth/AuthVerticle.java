package io.botfactory.auth;

import io.botfactory.bus.AccessToken;
import io.botfactory.bus.Addresses;
import io.botfactory.bus.ClientRequest;
import io.botfactory.bus.Failure;
import io.botfactory.bus.Ids;
import io.botfactory.bus.LoginRequest;
import io.botfactory.bus.RegisterRequest;
import io.botfactory.bus.ServiceEndpoints;
import io.botfactory.config.Argon2Settings;
import io.botfactory.config.DbSettings;
import io.botfactory.config.JwtSettings;
import io.botfactory.config.ThrottleSettings;
import io.botfactory.db.DatabaseService;
import io.botfactory.security.JwtFactory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.sqlclient.Pool;

import java.util.UUID;

/**
 * The auth service: registers clients, logs them in (throttled; Argon2id off the event loop; a
 * JWT on success) and looks clients up for the gated routes. Owns the {@code clients} and
 * {@code login_failures} tables.
 */
public class AuthVerticle extends DatabaseService {

  static final String BAD_LOGIN = "Incorrect email or password";
  private static final long PURGE_EVERY_MS = 60_000;

  private final Argon2Settings argon2;
  private final JwtSettings jwtSettings;
  private final ThrottleSettings throttleSettings;
  private PasswordHasher hasher;
  private ClientStore clients;
  private JWTAuth jwt;
  private LoginThrottle throttle;
  private long purgeTimer;

  /** {@code drainMs}: how long a stop waits for sign-ups and logins in flight. */
  public AuthVerticle(DbSettings db, Argon2Settings argon2, JwtSettings jwt, ThrottleSettings throttle, long drainMs) {
    super(db, "auth", Addresses.AUTH_HEALTH, drainMs);
    this.argon2 = argon2;
    this.jwtSettings = jwt;
    this.throttleSettings = throttle;
  }

  @Override
  protected Future<Void> prepare(Pool pool) {
    clients = new ClientStore(pool);
    hasher = new PasswordHasher(vertx, argon2);
    jwt = JwtFactory.create(vertx, jwtSettings);
    throttle = new PgLoginThrottle(pool, throttleSettings);
    purgeTimer = vertx.setPeriodic(PURGE_EVERY_MS, id -> throttle.purgeExpired());
    return hasher.start();
  }

  @Override
  protected Future<?> bind(ServiceEndpoints endpoints) {
    return Future.all(
      endpoints.bind(Addresses.AUTH_REGISTER, this::register),
      endpoints.bind(Addresses.AUTH_LOGIN, this::login),
      endpoints.bind(Addresses.CLIENTS_GET, this::client));
  }

  @Override
  protected void release() {
    vertx.cancelTimer(purgeTimer);
    hasher.close();
  }

  private Future<JsonObject> register(RegisterRequest request) {
    return hasher.hash(request.password())
      .compose(hash -> clients.insert(request.email(), hash, request.fullName()));
  }

  /**
   * Throttle first; then unknown email and wrong password take the same path and the same time
   * (one query, one Argon2 verify); a failure is counted, a success forgets the email's failures.
   */
  private Future<AccessToken> login(LoginRequest request) {
    String email = request.email();
    String source = request.source() == null ? "unknown" : request.source();
    return throttle.check(email, source).compose(failuresOnRecord -> clients.credentials(email)
      .compose(row -> hasher.verify(row == null ? null : row.getString("password_hash"), request.password()).compose(ok -> {
        if (!ok) {
          return throttle.failed(email, source)
            .transform(counted -> Future.failedFuture(Failure.UNAUTHENTICATED.exception(BAD_LOGIN)));
        }
        Future<Void> forgotten = failuresOnRecord ? throttle.succeeded(email) : Future.succeededFuture();
        return forgotten.map(v -> token(row.getUUID("id")));
      })));
  }

  private AccessToken token(UUID clientId) {
    return AccessToken.bearer(jwt.generateToken(new JsonObject().put("sub", clientId.toString())), jwtSettings.ttlSeconds());
  }

  private Future<JsonObject> client(ClientRequest request) {
    UUID id = Ids.uuid(request.clientId());
    if (id == null) {
      return Future.failedFuture(Failure.UNAUTHENTICATED.exception(Failure.CLIENT_GONE));
    }
    return clients.find(id).compose(client -> client == null
      ? Future.failedFuture(Failure.UNAUTHENTICATED.exception(Failure.CLIENT_GONE))
      : Future.succeededFuture(client));
  }
}

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
import io.botfactory.security.JwtFactory;
import io.botfactory.service.DatabaseService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.sqlclient.Pool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The auth service: registers clients, logs them in (throttled; Argon2id off the event loop; a
 * JWT on success), looks clients up for the gated routes, and keeps their API keys
 * ({@link ApiKeyService}). Owns the {@code clients}, {@code auth_attempts} and {@code api_keys}
 * tables.
 */
public class AuthVerticle extends DatabaseService {

  private static final Logger LOG = LoggerFactory.getLogger(AuthVerticle.class);

  static final String BAD_LOGIN = "Incorrect email or password";
  private static final long PURGE_EVERY_MS = 60_000;

  private final Argon2Settings argon2;
  private final JwtSettings jwtSettings;
  private final ThrottleSettings throttleSettings;
  private final long callerTimeoutNanos;
  private PasswordHasher hasher;
  private ClientStore clients;
  private JWTAuth jwt;
  private AttemptThrottle throttle;
  private ApiKeyService apiKeys;
  private long purgeTimer;

  /**
   * {@code callerTimeoutMs}: how long callers wait for a sign-up or a login (the hash timeout):
   * a stop waits as long for those in flight, and a hashing job that has waited longer is
   * skipped.
   */
  public AuthVerticle(DbSettings db, Argon2Settings argon2, JwtSettings jwt, ThrottleSettings throttle, long callerTimeoutMs) {
    super(db, "auth", Addresses.AUTH_HEALTH, callerTimeoutMs);
    this.callerTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(callerTimeoutMs);
    this.argon2 = argon2;
    this.jwtSettings = jwt;
    this.throttleSettings = throttle;
  }

  @Override
  protected Future<Void> prepare(Pool pool) {
    clients = new ClientStore(pool);
    hasher = new PasswordHasher(vertx, argon2);
    jwt = JwtFactory.create(vertx, jwtSettings);
    throttle = new AttemptThrottle(pool, throttleSettings);
    purgeTimer = vertx.setPeriodic(PURGE_EVERY_MS, id -> throttle.purgeExpired());
    apiKeys = new ApiKeyService(vertx, new ApiKeyStore(pool));
    return hasher.start();
  }

  @Override
  protected Future<?> bind(ServiceEndpoints endpoints) {
    return Future.all(List.of(
      endpoints.bind(Addresses.AUTH_REGISTER, this::register),
      endpoints.bind(Addresses.AUTH_LOGIN, this::login),
      endpoints.bind(Addresses.CLIENTS_GET, this::client),
      endpoints.bind(Addresses.AUTH_APIKEYS_CREATE, apiKeys::create),
      endpoints.bind(Addresses.AUTH_APIKEYS_LIST, apiKeys::list),
      endpoints.bind(Addresses.AUTH_APIKEYS_DELETE, apiKeys::delete),
      endpoints.bind(Addresses.AUTH_APIKEY_VERIFY, apiKeys::verify)));
  }

  @Override
  protected void release() {
    vertx.cancelTimer(purgeTimer);
    hasher.close();
  }

  /**
   * Counted per source address before the hash, since every sign-up costs one; the canonical
   * email is computed once and settles uniqueness.
   */
  private Future<JsonObject> register(RegisterRequest request) {
    long deadline = deadline();
    String email = EmailAddress.canonical(request.email());
    return throttle.signUp(request.source()).compose(attempt -> hasher.hash(request.password(), deadline)
      .recover(notHashed -> giveBack(attempt, notHashed))
      .compose(hash -> clients.insert(request.email(), email, hash, request.fullName())));
  }

  /**
   * The attempt is counted first (429 past a limit, nothing looked up, nothing checked); then
   * unknown email and wrong password take the same path and the same time (one lookup, one
   * Argon2 verification). A failure stays counted; a success gives its count back.
   */
  private Future<AccessToken> login(LoginRequest request) {
    long deadline = deadline();
    String email = EmailAddress.canonical(request.email());
    return throttle.login(email, request.source()).compose(attempt -> clients.credentials(email)
      .compose(row -> hasher.verify(row == null ? null : row.getString("password_hash"), request.password(), deadline)
        .map(ok -> ok ? row.getUUID("id") : null))
      .recover(notChecked -> giveBack(attempt, notChecked))
      .compose(clientId -> {
        if (clientId == null) {
          return Future.failedFuture(Failure.UNAUTHENTICATED.exception(BAD_LOGIN));
        }
        // The token is the answer even if the count cannot be given back: it then errs on the safe side.
        return throttle.giveBack(attempt).transform(ar -> {
          if (ar.failed()) {
            LOG.warn("A successful login's attempt count could not be given back: {}", ar.cause().toString());
          }
          return Future.succeededFuture(token(clientId));
        });
      }));
  }

  /** When the caller stops waiting, counted from the moment the request arrived (the caller sent it a little earlier). */
  private long deadline() {
    return System.nanoTime() + callerTimeoutNanos;
  }

  /** An attempt that was counted but never checked (no Argon2 slot, no database) is no attempt: its count goes back. */
  private <T> Future<T> giveBack(AttemptThrottle.Attempt attempt, Throwable cause) {
    return throttle.giveBack(attempt).transform(ar -> {
      if (ar.failed()) {
        LOG.warn("An unchecked attempt's count could not be given back: {}", ar.cause().toString());
      }
      return Future.failedFuture(cause);
    });
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

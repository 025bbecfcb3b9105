package io.botfactory.http;

import io.botfactory.bus.Ids;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import io.vertx.ext.web.handler.ChainAuthHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.JWTAuthHandler;

import java.util.List;
import java.util.UUID;

/**
 * The bearer-token gate on {@code /bots*} and {@code /clients*}, run before routing so that no
 * unauthenticated request is validated or reaches a service. It stays Vert.x's: a
 * {@link ChainAuthHandler#any()} of the {@link JWTAuthHandler} (the login token: signature,
 * algorithm, expiry, issuer and audience) and the {@link ApiKeyAuthentication} handler (an API
 * key), except under {@value #API_KEYS}, where keys are managed with a login token only.
 * {@link #claims} then adds the claims BotFactory itself relies on ({@code sub} a client id; for
 * a login token {@code exp} and {@code iat} present) and puts the client id on the context.
 * Whether that client still exists is settled by the service query that follows, in the same
 * round trip.
 */
final class BearerTokenGate implements AuthenticationHandler {

  /** The path prefixes the gate guards; every operation the document secures is under one of them. */
  static final List<String> PREFIXES = List.of("/bots", "/clients");
  /** Where API keys are managed: a login token only, never a key. */
  static final String API_KEYS = "/clients/me/api-keys";

  private static final String CLIENT_ID = "botfactory.client";
  private static final String RUNNING = "botfactory.gate";

  private final JWTAuthHandler jwt;
  private final AuthenticationHandler tokenOrKey;

  BearerTokenGate(JWTAuth auth, ApiKeyAuthentication keys) {
    this.jwt = JWTAuthHandler.create(auth);
    this.tokenOrKey = ChainAuthHandler.any().add(jwt).add(keys.handler());
  }

  static boolean guards(String path) {
    for (String prefix : PREFIXES) {
      if (path != null && path.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code path} is where keys are managed, which takes a login token only. */
  static boolean managesKeys(String path) {
    return path != null && (path.equals(API_KEYS) || path.startsWith(API_KEYS + "/"));
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (!guards(path)) {
      ctx.next();
      return;
    }
    ctx.put(RUNNING, true);
    (managesKeys(path) ? jwt : tokenOrKey).handle(ctx);
  }

  /** Runs after a handler accepted the credentials (and passes every request the gate does not guard). */
  void claims(RoutingContext ctx) {
    if (ctx.get(RUNNING) == null) {
      ctx.next();
      return;
    }
    String byKey = ApiKeyAuthentication.clientId(ctx.user());
    UUID client = byKey != null ? Ids.uuid(byKey) : tokenClient(ctx.user());
    if (client == null) {
      ctx.fail(new HttpException(401, ErrorDetails.BAD_CREDENTIALS));
      return;
    }
    ctx.remove(RUNNING);
    ctx.put(CLIENT_ID, client.toString());
    ctx.next();
  }

  /** A login token's client: its {@code sub}, when it has {@code exp} and {@code iat} too; else null. */
  private static UUID tokenClient(User user) {
    JsonObject claims = user.attributes().getJsonObject("accessToken", new JsonObject());
    UUID client = Ids.uuid(claims.getValue("sub") instanceof String ? claims.getString("sub") : null);
    boolean timed = claims.getValue("exp") instanceof Number && claims.getValue("iat") instanceof Number;
    return timed ? client : null;
  }

  /** The verified caller; only called on routes behind the gate. */
  static String clientId(RoutingContext ctx) {
    return ctx.get(CLIENT_ID);
  }

  /**
   * The 401 detail for a failure raised while the gate ran, or null when the failure came from
   * elsewhere (or the gate could not ask about a key: {@link #unavailable}). No token (or not a
   * bearer one) is "Not authenticated"; a token or key that fails any check is "Could not
   * validate credentials", whatever the handler's own status was.
   */
  static String rejection(RoutingContext ctx) {
    if (ctx.get(RUNNING) == null || unavailable(ctx) != null) {
      return null;
    }
    String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    return credentials(authorization) == null ? ErrorDetails.NOT_AUTHENTICATED : ErrorDetails.BAD_CREDENTIALS;
  }

  /** Why the gate could not check a key (the auth service did not answer, or refused for load), or null. */
  static Throwable unavailable(RoutingContext ctx) {
    return ctx.get(RUNNING) != null && ctx.failure() instanceof HttpException failure && failure.getStatusCode() == 503
      ? failure.getCause() : null;
  }

  /** The credentials of a {@code Bearer} authorization header, or null when there are none. */
  static String credentials(String authorization) {
    if (authorization == null) {
      return null;
    }
    String trimmed = authorization.strip();
    int space = trimmed.indexOf(' ');
    String scheme = space < 0 ? trimmed : trimmed.substring(0, space);
    String credentials = space < 0 ? "" : trimmed.substring(space + 1).strip();
    return scheme.equalsIgnoreCase("Bearer") && !credentials.isEmpty() ? credentials : null;
  }
}

package io.botfactory.http;

import io.botfactory.config.BusSettings;
import io.botfactory.config.HttpSettings;
import io.botfactory.config.JwtSettings;
import io.botfactory.config.Role;
import io.botfactory.config.TelegramSettings;
import io.botfactory.http.openapi.OpenApiRouter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The public HTTP API (see {@link ApiRouter}): a server on the configured address. It holds no
 * state and touches no database, so any number of instances and nodes can run it.
 */
public class HttpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  /** How long a stop waits for the cluster's map to let this instance withdraw as a listener. */
  private static final long WITHDRAW_MS = 2000;

  private final ApiRouter.Settings settings;
  private HttpServer server;
  private ApiKeyCache apiKeys;

  /**
   * {@code roles}: what this node runs, which decides the readiness checks;
   * {@code metricsRegistry}: the name of the node's Micrometer registry, served at /metrics.
   */
  public HttpVerticle(HttpSettings http, JwtSettings jwt, BusSettings bus, TelegramSettings telegram, Set<Role> roles,
                     String metricsRegistry) {
    this.settings = new ApiRouter.Settings(http, jwt, bus, telegram, roles, metricsRegistry);
  }

  @Override
  public Future<?> start() {
    HttpSettings http = settings.http();
    apiKeys = new ApiKeyCache();
    // Revocations must reach this instance before it lets a key in.
    return apiKeys.listen(vertx)
      .compose(v -> OpenApiRouter.load(vertx))
      .compose(api -> vertx.createHttpServer(serverOptions(http))
        .requestHandler(ApiRouter.build(vertx, settings, api, apiKeys))
        .invalidRequestHandler(new MalformedRequests())
        .exceptionHandler(HttpVerticle::connectionFailed)
        .listen())
      .onSuccess(s -> {
        server = s;
        LOG.info("HTTP API listening on {}:{}", http.host(), s.actualPort());
      });
  }

  /** Stops accepting connections and lets the requests in flight finish (up to the grace period), then stops hearing of revocations. */
  @Override
  public Future<?> stop() {
    Future<Void> served = server == null ? Future.succeededFuture() : server.shutdown();
    return served.compose(v -> withdrawFromRevocations());
  }

  /** Left behind (the cluster's map not answering), this instance is forgotten at the next revocation, which finds nobody listening. */
  private Future<Void> withdrawFromRevocations() {
    if (apiKeys == null) {
      return Future.succeededFuture();
    }
    return apiKeys.close(vertx).timeout(WITHDRAW_MS, TimeUnit.MILLISECONDS).recover(err -> {
      LOG.warn("This instance could not withdraw as a listener for API key revocations: {}", err.toString());
      return Future.succeededFuture();
    });
  }

  /** A connection silent for the idle timeout is closed, whether it is between requests or in the middle of one. */
  private static HttpServerOptions serverOptions(HttpSettings http) {
    return new HttpServerOptions()
      .setHost(http.host())
      .setPort(http.port())
      .setIdleTimeout(http.idleTimeoutSeconds())
      .setIdleTimeoutUnit(TimeUnit.SECONDS)
      .setCompressionSupported(false);
  }

  /** A connection reset or cut by its client is the client's business, not an error of ours. */
  private static void connectionFailed(Throwable failure) {
    LOG.debug("HTTP connection failed: {}", failure.toString());
  }
}

package io.botfactory.http;

import io.botfactory.app.AppConfig;
import io.botfactory.app.VertxOptionsFactory;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public HTTP API (see {@link ApiRouter}): a server on the configured address. It holds no
 * state and touches no database, so any number of instances and nodes can run it.
 */
public class HttpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);
  private HttpServer server;

  @Override
  public Future<?> start() {
    AppConfig config = AppConfig.from(config());
    return ApiDocument.load(vertx)
      .compose(document -> vertx.createHttpServer(serverOptions(config))
        .requestHandler(ApiRouter.build(vertx, config, document, config().getString(VertxOptionsFactory.METRICS_REGISTRY)))
        .listen())
      .onSuccess(s -> {
        server = s;
        LOG.info("HTTP API listening on {}:{}", config.http().host(), s.actualPort());
      });
  }

  /** Stops accepting connections and lets the requests in flight finish (up to the grace period). */
  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown();
  }

  private static HttpServerOptions serverOptions(AppConfig config) {
    return new HttpServerOptions()
      .setHost(config.http().host())
      .setPort(config.http().port())
      .setCompressionSupported(false);
  }
}

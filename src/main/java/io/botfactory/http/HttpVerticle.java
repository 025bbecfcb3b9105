package io.botfactory.http;

import io.botfactory.app.AppConfig;
import io.botfactory.auth.JwtFactory;
import io.botfactory.bus.AuthClient;
import io.botfactory.bus.BotsClient;
import io.botfactory.bus.BusClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public HTTP API. It validates requests, lets the gate check bearer tokens, and forwards
 * each call over the event bus; it holds no state and touches no database, so any number of
 * instances and nodes can run it.
 */
public class HttpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);
  /** The contract's body limit: more than 65,536 bytes is 413, chunked or not. */
  static final int BODY_LIMIT = 64 * 1024;

  private HttpServer server;

  @Override
  public Future<?> start() {
    AppConfig config = AppConfig.from(config());
    BusClient bus = new BusClient(vertx, config.busTimeoutMs());
    Router router = router(config, new AuthClient(bus), new BotsClient(bus));
    HttpServerOptions options = new HttpServerOptions()
      .setHost(config.http().host())
      .setPort(config.http().port())
      .setCompressionSupported(false);
    return vertx.createHttpServer(options)
      .requestHandler(router)
      .listen()
      .onSuccess(s -> {
        server = s;
        LOG.info("HTTP API listening on {}:{}", config.http().host(), s.actualPort());
      });
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown();
  }

  private Router router(AppConfig config, AuthClient auth, BotsClient botsClient) {
    Router router = Router.router(vertx);
    Gate gate = new Gate(JwtFactory.create(vertx, config.jwt()));
    AuthRoutes authRoutes = new AuthRoutes(auth);
    ClientRoutes clients = new ClientRoutes(auth);
    BotRoutes bots = new BotRoutes(botsClient);

    router.route().handler(RequestIds::assign);
    router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));

    router.get("/").handler(this::welcome);
    router.get("/health/live").handler(ctx -> Responses.json(ctx, 200, new JsonObject().put("status", "UP")));

    router.post("/auth/register").handler(authRoutes::register);
    router.post("/auth/token").handler(authRoutes::token);

    router.route("/clients*").handler(gate).handler(gate::claims);
    router.route("/bots*").handler(gate).handler(gate::claims);
    router.get("/clients/me").handler(clients::me);
    router.post("/bots").handler(bots::create);
    router.get("/bots/me").handler(bots::listMine);
    router.get("/bots/:id").handler(bots::get);
    router.patch("/bots/:id").handler(bots::update);
    router.delete("/bots/:id").handler(bots::delete);

    FailureHandler failures = new FailureHandler();
    router.route().failureHandler(failures);
    router.errorHandler(404, ctx -> Responses.problem(ctx, 404, Problems.NOT_FOUND));
    router.errorHandler(405, ctx -> {
      AllowedMethods.putHeader(router, ctx);
      Responses.problem(ctx, 405, Problems.METHOD_NOT_ALLOWED);
    });
    router.errorHandler(415, ctx -> Responses.problem(ctx, 415, Problems.UNSUPPORTED_MEDIA_TYPE));
    router.errorHandler(500, failures);
    return router;
  }

  private void welcome(RoutingContext ctx) {
    Responses.json(ctx, 200, new JsonObject().put("message", "Welcome to BotFactory API"));
  }
}

package io.botfactory.http;

import io.botfactory.app.AppConfig;
import io.botfactory.auth.JwtFactory;
import io.botfactory.bus.AuthClient;
import io.botfactory.bus.BotsClient;
import io.botfactory.bus.BusClient;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * The API's router, the table of contents of the service: its routes are the operations of
 * {@code openapi.yaml}, built and validated by vertx-openapi's RouterBuilder, one handler each;
 * before routing, every request gets its id, headers, access log, bounded body and, on
 * {@code /bots*} and {@code /clients*}, the gate; every failure ends in {@link FailureHandler}.
 */
final class ApiRouter {

  /** The contract's body limit: more than 65,536 bytes is 413, chunked or not. */
  static final int BODY_LIMIT = 64 * 1024;

  private ApiRouter() {
  }

  static Router build(Vertx vertx, AppConfig config, ApiDocument document, String metricsRegistry) {
    BusClient bus = new BusClient(vertx, config.busTimeoutMs());
    AuthClient auth = new AuthClient(bus, new BusClient(vertx, config.hashTimeoutMs()));
    AuthRoutes authRoutes = new AuthRoutes(auth);
    ClientRoutes clients = new ClientRoutes(auth);
    BotRoutes bots = new BotRoutes(new BotsClient(bus));
    SwaggerUi swaggerUi = new SwaggerUi();
    Gate gate = new Gate(JwtFactory.create(vertx, config.jwt()));

    RouterBuilder api = RouterBuilder.create(vertx, document.contract());
    ApiRequests requests = new ApiRequests(document);
    InlineRequestValidator validator = new InlineRequestValidator(vertx, document.contract());
    // Every request, before routing: its id, headers, access log and CORS; the body (bounded); the gate.
    Hygiene.rootHandlers(config.http()).forEach(api::rootHandler);
    api.rootHandler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    api.rootHandler(gate);
    api.rootHandler(gate::claims);

    // The table of contents: one handler per operation of the document.
    // Validation is ours to run (see InlineRequestValidator), as the first handler of each operation.
    Handler<RoutingContext> validation = new RequestValidation(requests, validator);
    operation(api, validation, "welcome", ApiRouter::welcome);
    operation(api, validation, "registerClient", authRoutes::register);
    operation(api, validation, "login", authRoutes::token);
    operation(api, validation, "readClientMe", clients::me);
    operation(api, validation, "createBot", bots::create);
    operation(api, validation, "listMyBots", bots::listMine);
    operation(api, validation, "getBot", bots::get);
    operation(api, validation, "updateBot", bots::update);
    operation(api, validation, "deleteBot", bots::delete);
    operation(api, validation, "healthLive", ctx -> Responses.json(ctx, 200, new JsonObject().put("status", "UP")));
    operation(api, validation, "healthReady", Readiness.handler(vertx, config));
    operation(api, validation, "metrics", metricsRegistry == null
      ? PrometheusScrapingHandler.create() : PrometheusScrapingHandler.create(metricsRegistry));
    operation(api, validation, "openapiDocument", ctx -> Responses.json(ctx, 200, document.document()));
    operation(api, validation, "swaggerUi", swaggerUi::page);
    requireEveryOperationHandled(api);

    Router router = api.createRouter();
    if (config.http().trustForwarded()) {
      router.allowForward(AllowForwardHeaders.ALL);
    }
    router.get(SwaggerUi.ASSETS + "*").handler(swaggerUi.assets());
    new Dashboard().mount(router);

    FailureHandler failures = new FailureHandler();
    router.route().failureHandler(failures);
    router.errorHandler(404, ctx -> Responses.problem(ctx, 404, Problems.NOT_FOUND));
    router.errorHandler(405, ctx -> {
      AllowedMethods.putHeader(router, ctx);
      Responses.problem(ctx, 405, Problems.METHOD_NOT_ALLOWED);
    });
    router.errorHandler(500, failures);
    return router;
  }

  /**
   * Binds a handler to an operation, after the validation of its request. The gate, not the
   * builder, does security (see {@link Gate}); validation runs on the event loop (see
   * {@link InlineRequestValidator}).
   */
  private static void operation(RouterBuilder api, Handler<RoutingContext> validation, String operationId,
                                Handler<RoutingContext> handler) {
    OpenAPIRoute route = api.getRoute(operationId);
    if (route == null) {
      throw new IllegalStateException("openapi.yaml has no operation " + operationId);
    }
    route.setDoSecurity(false).setDoValidation(false).addHandler(validation).addHandler(handler);
  }

  /** An operation of the document without a handler would silently answer 503: refuse to start instead. */
  private static void requireEveryOperationHandled(RouterBuilder api) {
    for (OpenAPIRoute route : api.getRoutes()) {
      if (route.getHandlers().isEmpty()) {
        throw new IllegalStateException("openapi.yaml operation " + route.getOperation().getOperationId() + " has no handler");
      }
    }
  }

  private static void welcome(RoutingContext ctx) {
    Responses.json(ctx, 200, new JsonObject().put("message", "Welcome to BotFactory API"));
  }
}

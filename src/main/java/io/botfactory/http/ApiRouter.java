package io.botfactory.http;

import io.botfactory.bus.BusClient;
import io.botfactory.config.BusSettings;
import io.botfactory.config.HttpSettings;
import io.botfactory.config.JwtSettings;
import io.botfactory.config.Role;
import io.botfactory.config.TelegramSettings;
import io.botfactory.http.openapi.OpenApiRouter;
import io.botfactory.security.JwtFactory;
import io.botfactory.security.WebhookSecrets;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.backends.BackendRegistries;

import java.util.Set;

/**
 * The API's router, the table of contents of the service: its routes are the operations of
 * {@code openapi.yaml}, one handler each, validated against the document first; before routing,
 * every request gets its id, headers, access log, bounded body and, on {@code /bots*} and
 * {@code /clients*}, the gate; every failure ends in {@link FailureHandler}.
 */
final class ApiRouter {

  /** What the router is built from. */
  record Settings(HttpSettings http, JwtSettings jwt, BusSettings bus, TelegramSettings telegram, Set<Role> roles,
                  String metricsRegistry) {
  }

  private ApiRouter() {
  }

  /** {@code apiKeys}: this instance's knowledge of API keys, listening for revocations. */
  static Router build(Vertx vertx, Settings settings, OpenApiRouter api, ApiKeyCache apiKeys) {
    BusClient bus = new BusClient(vertx, settings.bus());
    BearerTokenGate gate = new BearerTokenGate(JwtFactory.create(vertx, settings.jwt()), new ApiKeyAuthentication(bus, apiKeys));
    PreRoutingHandlers.forSettings(vertx, settings.http()).forEach(api::rootHandler);
    // During a key rotation the old keys' secrets are still Telegram's until every webhook is set again.
    api.rootHandler(new TelegramWebhookGate(new WebhookSecrets(settings.telegram().webhookKeyBytes(),
      settings.telegram().oldWebhookKeyBytes())));
    api.rootHandler(new BodyLimits());
    api.rootHandler(gate);
    api.rootHandler(gate::claims);
    SwaggerUi swaggerUi = new SwaggerUi();
    operations(vertx, settings, api, swaggerUi, bus);
    Router router = api.createRouter();
    router.get(SwaggerUi.SCRIPT).handler(swaggerUi::script);
    router.get(SwaggerUi.ASSETS + "*").handler(swaggerUi.assets());
    new Dashboard().mount(router);
    errorHandlers(router);
    return router;
  }

  /** The table of contents: one handler per operation of the document. */
  private static void operations(Vertx vertx, Settings settings, OpenApiRouter api, SwaggerUi swaggerUi, BusClient bus) {
    AuthRoutes authRoutes = new AuthRoutes(bus);
    ClientRoutes clients = new ClientRoutes(bus);
    ApiKeyRoutes apiKeys = new ApiKeyRoutes(bus);
    BotRoutes bots = new BotRoutes(bus);
    BotTelegramRoutes telegram = new BotTelegramRoutes(bus);
    AudienceRoutes audience = new AudienceRoutes(bus);
    BroadcastRoutes broadcasts = new BroadcastRoutes(bus);
    EndpointRoutes endpoints = new EndpointRoutes(bus);
    MessageRoutes messages = new MessageRoutes(bus);
    api.operation("welcome", ApiRouter::welcome)
      .operation("registerClient", authRoutes::register)
      .operation("login", authRoutes::token)
      .operation("readClientMe", clients::me)
      .operation("createApiKey", apiKeys::create)
      .operation("listApiKeys", apiKeys::list)
      .operation("revokeApiKey", apiKeys::revoke)
      .operation("createBot", bots::create)
      .operation("listMyBots", bots::listMine)
      .operation("getBot", bots::get)
      .operation("updateBot", bots::update)
      .operation("deleteBot", bots::delete)
      .operation("getBotCommands", telegram::commands)
      .operation("putBotCommands", telegram::putCommands)
      .operation("getBotWebhook", telegram::webhook)
      .operation("listBotChats", telegram::chats)
      .operation("listSubscribers", audience::subscribers)
      .operation("exportSubscribers", audience::exportSubscribers)
      .operation("putSubscriberTags", audience::putTags)
      .operation("changeSubscriberTags", audience::changeTags)
      .operation("countSubscribers", audience::count)
      .operation("getBotStats", audience::stats)
      .operation("createBroadcast", broadcasts::create)
      .operation("listBroadcasts", broadcasts::list)
      .operation("getBroadcast", broadcasts::get)
      .operation("pauseBroadcast", broadcasts::pause)
      .operation("resumeBroadcast", broadcasts::resume)
      .operation("cancelBroadcast", broadcasts::cancel)
      .operation("exportBroadcastRecipients", broadcasts::exportRecipients)
      .operation("sendMessage", messages::send)
      .operation("getMessage", messages::get)
      .operation("createEndpoint", endpoints::create)
      .operation("listEndpoints", endpoints::list)
      .operation("getEndpoint", endpoints::get)
      .operation("updateEndpoint", endpoints::update)
      .operation("deleteEndpoint", endpoints::delete)
      .operation("rotateEndpointSecret", endpoints::rotateSecret)
      .operation("replayEndpointDeliveries", endpoints::replay)
      .operation("listEndpointDeliveries", endpoints::deliveries)
      .operation("retryDelivery", endpoints::retry)
      .operationCheckingItsOwnRequest("receiveTelegramUpdate",
        new TelegramWebhookRoute(bus, BackendRegistries.getNow(settings.metricsRegistry()))::receive)
      .operation("healthLive", ctx -> Responses.json(ctx, 200, new JsonObject().put("status", "UP")))
      .operation("healthReady", Readiness.handler(vertx, settings.roles()))
      .operation("metrics", PrometheusScrapingHandler.create(settings.metricsRegistry()))
      .operation("openapiDocument", ctx -> Responses.json(ctx, 200, api.document()))
      .operation("swaggerUi", swaggerUi::page);
  }

  /** Route-match failures never reach a failure handler: they get the same JSON answers here. */
  private static void errorHandlers(Router router) {
    FailureHandler failures = new FailureHandler();
    router.route().failureHandler(failures);
    router.errorHandler(404, ctx -> Responses.problem(ctx, 404, ErrorDetails.NOT_FOUND));
    router.errorHandler(405, ctx -> {
      AllowedMethods.putHeader(router, ctx);
      Responses.problem(ctx, 405, ErrorDetails.METHOD_NOT_ALLOWED);
    });
    router.errorHandler(500, failures);
  }

  private static void welcome(RoutingContext ctx) {
    Responses.json(ctx, 200, new JsonObject().put("message", "Welcome to BotFactory API"));
  }
}

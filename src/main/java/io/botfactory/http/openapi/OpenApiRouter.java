package io.botfactory.http.openapi;

import io.botfactory.bus.FieldErrors;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatorException;

import java.util.Set;

/**
 * The one entry point to this package: a router built from {@code openapi.yaml} by
 * vertx-openapi's RouterBuilder, whose operations validate their requests against the document
 * before their handler runs, and the mapping of what validation finds to the contract's 422.
 *
 * <p>Everything else here bends vertx-openapi 5.0.7 into speed and into the contract's forms
 * (see {@link InlineRequestValidator}, {@link ValidatorInput}, {@link ValidationErrors}); it
 * relies on that version's behaviour, which InlineRequestValidatorDifferentialTest pins
 * against the library's own validator.
 */
public final class OpenApiRouter {

  private final ApiDocument document;
  private final RouterBuilder builder;
  private final Handler<RoutingContext> validation;

  private OpenApiRouter(Vertx vertx, ApiDocument document) {
    this.document = document;
    this.builder = RouterBuilder.create(vertx, document.contract());
    this.validation = new RequestValidation(new ValidatorInput(document),
      new InlineRequestValidator(vertx, document.contract()));
  }

  public static Future<OpenApiRouter> load(Vertx vertx) {
    return ApiDocument.load(vertx).map(document -> new OpenApiRouter(vertx, document));
  }

  /** The document exactly as written, for {@code /openapi.json}. */
  public JsonObject document() {
    return document.document();
  }

  /** Every operation as "METHOD /path/{param}", for checking the router against the document. */
  public Set<String> operations() {
    return document.operations();
  }

  /** A handler every request passes before routing, in the order added. */
  public OpenApiRouter rootHandler(Handler<RoutingContext> handler) {
    builder.rootHandler(handler);
    return this;
  }

  /**
   * Binds {@code handler} to the operation, after the validation of its request. Security is not
   * the builder's to do (the HTTP layer's gate does it before routing); validation runs on the
   * event loop (see {@link InlineRequestValidator}).
   */
  public OpenApiRouter operation(String operationId, Handler<RoutingContext> handler) {
    OpenAPIRoute route = builder.getRoute(operationId);
    if (route == null) {
      throw new IllegalStateException("openapi.yaml has no operation " + operationId);
    }
    route.setDoSecurity(false).setDoValidation(false).addHandler(validation).addHandler(handler);
    return this;
  }

  /** The router; an operation of the document left without a handler would silently answer 503: refuse instead. */
  public Router createRouter() {
    for (OpenAPIRoute route : builder.getRoutes()) {
      if (route.getHandlers().isEmpty()) {
        throw new IllegalStateException("openapi.yaml operation " + route.getOperation().getOperationId() + " has no handler");
      }
    }
    return builder.createRouter();
  }

  /** The media type of a Content-Type header, lower-cased, without parameters ("" when none). */
  public static String mediaType(String contentType) {
    return ValidatorInput.mediaType(contentType);
  }

  /**
   * Binds {@code handler} to an operation that checks its own request: the Telegram webhook,
   * whose answers the contract fixes differently (401 before 400, 400 rather than 422 for a body
   * that is not an Update) and whose bodies of up to 1 MiB need no schema pass beyond
   * {@code update_id}. The document still describes it.
   */
  public OpenApiRouter operationCheckingItsOwnRequest(String operationId, Handler<RoutingContext> handler) {
    OpenAPIRoute route = builder.getRoute(operationId);
    if (route == null) {
      throw new IllegalStateException("openapi.yaml has no operation " + operationId);
    }
    route.setDoSecurity(false).setDoValidation(false).addHandler(handler);
    return this;
  }

  /** The 422 detail list for a request that failed validation, or null when {@code failure} is something else. */
  public static FieldErrors validationErrors(Throwable failure) {
    ValidatorException invalid = failure instanceof ValidatorException ? (ValidatorException) failure
      : failure != null && failure.getCause() instanceof ValidatorException ? (ValidatorException) failure.getCause() : null;
    return invalid == null ? null : ValidationErrors.of(invalid);
  }
}

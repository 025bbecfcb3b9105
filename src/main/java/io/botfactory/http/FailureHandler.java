package io.botfactory.http;

import io.botfactory.bus.Failure;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.ValidatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the contract's answer: the service's code for our bus failures, 503
 * for a service that did not answer, 401 for whatever the gate rejected, the router's own 4xx
 * as JSON. Anything else is a bug: it is logged with the request id and answered 503 without
 * internals, never 500.
 */
final class FailureHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status = ctx.statusCode();

    // Whatever went wrong while the gate was checking a token (a 400 for a malformed one, an
    // exception for an odd claim type) means the token was not accepted.
    String rejection = Gate.rejection(ctx);
    if (rejection != null) {
      Responses.problem(ctx, 401, rejection);
      return;
    }
    Failure serviceFailure = Failure.of(failure);
    if (serviceFailure != null) {
      serviceAnswer(ctx, serviceFailure, failure.getMessage());
      return;
    }
    if (failure instanceof ReplyException) {
      // TIMEOUT, NO_HANDLERS, or a code we do not know: the service is not there for us.
      LOG.warn("[{}] service unavailable: {}", RequestIds.get(ctx), failure.getMessage());
      unavailable(ctx);
      return;
    }
    ValidatorException invalid = validatorException(failure);
    if (invalid != null) {
      Responses.problem(ctx, 422, ValidationErrors.of(invalid).toJson());
      return;
    }
    if (failure instanceof IllegalArgumentException) {
      // What Vert.x itself reads as a malformed request, e.g. a path with a broken %-escape.
      Responses.problem(ctx, 400, clientMessage(400));
      return;
    }
    if (status == 413) {
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
      Responses.problem(ctx, 413, Problems.TOO_LARGE);
      return;
    }
    if (status >= 400 && status < 500) {
      Responses.problem(ctx, status, clientMessage(status));
      return;
    }
    LOG.error("[{}] unexpected failure on {} {}", RequestIds.get(ctx), ctx.request().method(), ctx.request().path(), failure);
    unavailable(ctx);
  }

  /** The OpenAPI validator's finding; RouterBuilder wraps it in a 400 HttpException. */
  private static ValidatorException validatorException(Throwable failure) {
    if (failure instanceof ValidatorException) {
      return (ValidatorException) failure;
    }
    return failure != null && failure.getCause() instanceof ValidatorException ? (ValidatorException) failure.getCause() : null;
  }

  private static void serviceAnswer(RoutingContext ctx, Failure failure, String message) {
    switch (failure) {
      case INVALID:
        Responses.problem(ctx, 422, new JsonArray(message));
        break;
      case THROTTLED:
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, message);
        Responses.problem(ctx, 429, "Too many failed login attempts; try again later");
        break;
      case UNAVAILABLE:
        unavailable(ctx);
        break;
      default:
        Responses.problem(ctx, failure.code(), message);
    }
  }

  private static void unavailable(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
    Responses.problem(ctx, 503, Problems.UNAVAILABLE);
  }

  /** Fixed texts by status: the router's and Netty's own messages may carry internals. */
  private static String clientMessage(int status) {
    switch (status) {
      case 404:
        return Problems.NOT_FOUND;
      case 405:
        return Problems.METHOD_NOT_ALLOWED;
      case 415:
        return Problems.UNSUPPORTED_MEDIA_TYPE;
      default:
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }
  }
}

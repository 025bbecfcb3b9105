package io.botfactory.http;

import io.botfactory.bus.FieldErrors;
import io.botfactory.bus.Failure;
import io.botfactory.http.openapi.OpenApiRouter;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Turns every failure into the contract's answer. The causes are told apart in this order,
 * most specific first: a client that went away (nobody to answer: a debug line); whatever the
 * gate rejected (401), where a key it could not check is the service's failure instead; a
 * service's own {@link Failure} (its
 * code); a service that did not answer (503); a request the document refused (422); a request
 * Vert.x could not read (400, 413, other 4xx). Anything else is a bug: it is logged with the
 * request id and answered 503 without internals, never 500.
 */
final class FailureHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    Throwable keyNotChecked = BearerTokenGate.unavailable(ctx);
    Throwable failure = keyNotChecked != null ? keyNotChecked : ctx.failure();
    String rejection = BearerTokenGate.rejection(ctx);
    Failure serviceFailure = Failure.of(failure);
    FieldErrors invalid = OpenApiRouter.validationErrors(failure);
    if (clientGone(failure)) {
      LOG.debug("[{}] client went away during {} {}: {}", RequestIds.get(ctx), ctx.request().method(), ctx.request().path(),
        failure.toString());
    } else if (rejection != null) {
      Responses.problem(ctx, 401, rejection);
    } else if (serviceFailure != null) {
      serviceAnswer(ctx, serviceFailure, failure.getMessage());
    } else if (failure instanceof ReplyException) {
      // TIMEOUT, NO_HANDLERS, or a code we do not know: the service is not there for us.
      LOG.warn("[{}] service unavailable: {}", RequestIds.get(ctx), failure.getMessage());
      unavailable(ctx);
    } else if (invalid != null) {
      Responses.problem(ctx, 422, invalid.toJson());
    } else if (!requestError(ctx, failure)) {
      LOG.error("[{}] unexpected failure on {} {}", RequestIds.get(ctx), ctx.request().method(), ctx.request().path(), failure);
      unavailable(ctx);
    }
  }

  /** The connection was reset or closed under the request: there is nobody to answer, and nothing of ours failed. */
  private static boolean clientGone(Throwable failure) {
    return failure instanceof HttpClosedException || failure instanceof IOException;
  }

  /** Answers what Vert.x itself found wrong with the request; false when it is not such a failure. */
  private static boolean requestError(RoutingContext ctx, Throwable failure) {
    int status = ctx.statusCode();
    if (failure instanceof IllegalArgumentException) {
      // e.g. a path with a broken %-escape
      Responses.problem(ctx, 400, clientMessage(400));
    } else if (status == 413) {
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
      Responses.problem(ctx, 413, ErrorDetails.tooLarge(BodyLimits.limit(ctx)));
    } else if (status >= 400 && status < 500) {
      Responses.problem(ctx, status, clientMessage(status));
    } else {
      return false;
    }
    return true;
  }

  private static void serviceAnswer(RoutingContext ctx, Failure failure, String message) {
    switch (failure) {
      case INVALID:
        Responses.problem(ctx, 422, new JsonArray(message));
        break;
      case THROTTLED:
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, message);
        Responses.problem(ctx, 429, throttled(ctx.normalizedPath()));
        break;
      case UNAVAILABLE:
        unavailable(ctx, Failure.Unavailable.of(message));
        break;
      default:
        Responses.problem(ctx, failure.code(), message);
    }
  }

  private static void unavailable(RoutingContext ctx) {
    unavailable(ctx, Failure.Unavailable.GENERIC);
  }

  /** 503 with the wait and the detail the service gave (Telegram could not check a token now), else the generic ones. */
  private static void unavailable(RoutingContext ctx, Failure.Unavailable why) {
    ctx.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(why.retryAfterSeconds()));
    Responses.problem(ctx, 503, why.detail());
  }

  /** Which limit a 429 is about, by the route that met it. */
  private static String throttled(String path) {
    if ("/auth/register".equals(path)) {
      return ErrorDetails.TOO_MANY_SIGN_UPS;
    }
    return path != null && path.startsWith("/bots/") && path.endsWith("/webhook")
      ? ErrorDetails.TOO_MANY_WEBHOOK_VIEWS : ErrorDetails.TOO_MANY_LOGINS;
  }

  /** Fixed texts by status: the router's and Netty's own messages may carry internals. */
  private static String clientMessage(int status) {
    switch (status) {
      case 404:
        return ErrorDetails.NOT_FOUND;
      case 405:
        return ErrorDetails.METHOD_NOT_ALLOWED;
      case 415:
        return ErrorDetails.UNSUPPORTED_MEDIA_TYPE;
      default:
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }
  }
}

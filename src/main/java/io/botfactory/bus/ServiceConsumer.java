package io.botfactory.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.ClosedConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Binds a service operation ({@code JsonObject → Future}) to an address, and turns its outcome
 * into a reply: our {@link Failure}s pass through with their code, anything else is logged here
 * (with the request id) and answered as {@link Failure#UNAVAILABLE}, so no internals cross the
 * bus. Services bind through {@link ServiceEndpoints}, which also lets them stop cleanly.
 */
final class ServiceConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceConsumer.class);

  private ServiceConsumer() {
  }

  /** Registers the handler, calling {@code received} for each request and {@code replied} once it has its reply. */
  static MessageConsumer<JsonObject> register(Vertx vertx, String address, Function<JsonObject, Future<?>> operation,
                                              Runnable received, Runnable replied) {
    return vertx.eventBus().consumer(address, message -> {
      received.run();
      handle(address, message, operation).onComplete(ar -> replied.run());
    });
  }

  /** Completes once the reply has been handed to the event bus. */
  private static Future<?> handle(String address, Message<JsonObject> message, Function<JsonObject, Future<?>> operation) {
    Future<?> result;
    try {
      JsonObject body = message.body();
      result = body == null ? Future.failedFuture(Failure.INVALID.exception("[]")) : operation.apply(body);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.andThen(ar -> {
      if (ar.succeeded()) {
        if (ar.result() instanceof BusReply) {
          BusReply reply = (BusReply) ar.result();
          DeliveryOptions options = new DeliveryOptions();
          reply.headers().forEach(options::addHeader);
          message.reply(reply.body(), options);
        } else {
          message.reply(ar.result());
        }
        return;
      }
      Throwable cause = ar.cause();
      Failure failure = Failure.of(cause);
      if (failure != null) {
        failure.reply(message, cause.getMessage());
        return;
      }
      String requestId = message.headers().get(BusClient.REQUEST_ID_HEADER);
      if (isOutage(cause)) {
        LOG.warn("[{}] {} unavailable: {}", requestId == null ? "-" : requestId, address, cause.toString());
      } else {
        LOG.error("[{}] {} failed: {}", requestId == null ? "-" : requestId, address, cause.toString(), cause);
      }
      Failure.UNAVAILABLE.reply(message, Failure.UNAVAILABLE_DETAIL);
    });
  }

  /** The database cannot be reached: an outage to report, not a bug to trace. */
  private static boolean isOutage(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException || t instanceof ClosedConnectionException
        || t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }
}

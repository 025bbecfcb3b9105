package io.botfactory.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Binds a service operation to an address, and turns its outcome into a reply: our
 * {@link Failure}s pass through with their code, anything else is logged here (with the
 * request id) and answered as {@link Failure#UNAVAILABLE}, so no internals cross the bus.
 * Services bind through {@link ServiceEndpoints}, which also lets them stop cleanly.
 */
final class ServiceConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceConsumer.class);
  private static final String QUERY_CANCELED = "57014";
  private static final String POOL_WAIT_TIMEOUT = "Timeout waiting for connection";

  private ServiceConsumer() {
  }

  /** Registers the handler, calling {@code received} for each request and {@code replied} once it has its reply. */
  static <T extends BusMessage> MessageConsumer<JsonObject> register(Vertx vertx, Address<T> address,
                                                                     Function<T, Future<?>> operation,
                                                                     Runnable received, Runnable replied) {
    return vertx.eventBus().consumer(address.name(), message -> {
      received.run();
      run(address, message, operation).andThen(ar -> reply(address, message, ar.result(), ar.cause()))
        .onComplete(ar -> replied.run());
    });
  }

  private static <T extends BusMessage> Future<?> run(Address<T> address, Message<JsonObject> message,
                                                      Function<T, Future<?>> operation) {
    try {
      return operation.apply(address.decode(message.body()));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static void reply(Address<?> address, Message<JsonObject> message, Object result, Throwable cause) {
    if (cause == null) {
      if (result instanceof BusReply) {
        BusReply reply = (BusReply) result;
        DeliveryOptions options = new DeliveryOptions();
        reply.headers().forEach(options::addHeader);
        message.reply(reply.body(), options);
      } else {
        message.reply(result instanceof BusMessage ? ((BusMessage) result).toJson() : result);
      }
      return;
    }
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
  }

  /**
   * The database cannot be reached, its pool had no connection free in time (vertx-sql-client
   * says so only in its message), or it cancelled a statement that outlived its caller (57014,
   * the statement timeout): an outage or an overload to report, not a bug to trace.
   */
  private static boolean isOutage(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException || t instanceof ClosedConnectionException
        || t instanceof TimeoutException || POOL_WAIT_TIMEOUT.equals(t.getMessage())
        || t instanceof PgException && QUERY_CANCELED.equals(((PgException) t).getSqlState())) {
        return true;
      }
    }
    return false;
  }
}

package io.botfactory.bus;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The addresses one service verticle answers, bound through {@link ServiceConsumer} and counted,
 * so that the service can stop without dropping work: {@link #close} first withdraws the
 * addresses from the (clustered) event bus, so that callers turn to another node or get a fast
 * 503, then waits for the requests already received to be answered. Only then may the service
 * close its pool.
 */
public final class ServiceEndpoints {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceEndpoints.class);

  private final Vertx vertx;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private Promise<Void> idle;

  public ServiceEndpoints(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Registers the operation on {@code address}; completes once the registration has propagated.
   * The operation may complete with a JSON value, a {@link BusMessage} or a {@link BusReply}.
   */
  public <T extends BusMessage> Future<Void> bind(Address<T> address, Function<T, Future<?>> operation) {
    MessageConsumer<JsonObject> consumer = ServiceConsumer.register(vertx, address, operation,
      inFlight::incrementAndGet, this::replied);
    consumers.add(consumer);
    return consumer.completion();
  }

  /**
   * Withdraws every address, then waits until each request received so far has been answered,
   * or {@code graceMs} has passed: after the bus timeout no caller is waiting for the answer.
   */
  public Future<Void> close(long graceMs) {
    List<Future<Void>> unregistered = new ArrayList<>();
    for (MessageConsumer<JsonObject> consumer : consumers) {
      unregistered.add(consumer.unregister());
    }
    consumers.clear();
    return Future.join(unregistered).otherwiseEmpty().compose(v -> drained(graceMs));
  }

  private synchronized Future<Void> drained(long graceMs) {
    if (inFlight.get() == 0) {
      return Future.succeededFuture();
    }
    idle = Promise.promise();
    long timer = vertx.setTimer(graceMs, id -> {
      if (idle.tryComplete()) {
        LOG.warn("Stopping with {} request(s) still unanswered after {} ms", inFlight.get(), graceMs);
      }
    });
    return idle.future().andThen(ar -> vertx.cancelTimer(timer));
  }

  private synchronized void replied() {
    if (inFlight.decrementAndGet() == 0 && idle != null) {
      idle.tryComplete();
    }
  }
}

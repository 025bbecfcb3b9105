package io.botfactory.bus;

import io.botfactory.config.BusSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.util.function.ToLongFunction;

/**
 * Sends requests to the services, each with the timeout its {@link Address} declares, so that a
 * service that is down, slow or missing surfaces as a {@code TIMEOUT} or {@code NO_HANDLERS}
 * failure (503) within a bounded time instead of a hang. The reply comes as the JSON object the
 * service answered, as a record of the contract read by {@link BusJson}, or as a {@link Page};
 * what each address answers is said where it is declared, in {@link Addresses}.
 */
public class BusClient {

  /** Header carrying the HTTP request id, so a service can log it beside its own lines. */
  public static final String REQUEST_ID_HEADER = "x-request-id";

  private final Vertx vertx;
  private final ToLongFunction<Timeout> timeouts;

  /** Each request with its address's timeout as {@code settings} configure it. */
  public BusClient(Vertx vertx, BusSettings settings) {
    this(vertx, timeout -> timeout.millis(settings));
  }

  /** Every request with {@code timeoutMs}, whatever its address declares (a readiness check's own bound). */
  public BusClient(Vertx vertx, long timeoutMs) {
    this(vertx, timeout -> timeoutMs);
  }

  private BusClient(Vertx vertx, ToLongFunction<Timeout> timeouts) {
    this.vertx = vertx;
    this.timeouts = timeouts;
  }

  /** {@code requestId} may be null (a request not made on behalf of an HTTP call). */
  public <T extends BusMessage> Future<JsonObject> request(Address<T> address, T body, String requestId) {
    return this.<T, JsonObject>message(address, body, requestId).map(Message::body);
  }

  /** The reply read as a {@code reply}; one of another shape fails as {@link Failure#INVALID}. */
  public <T extends BusMessage, R> Future<R> request(Address<T> address, T body, String requestId, Class<R> reply) {
    return request(address, body, requestId).map(json -> BusJson.fromJson(json, reply));
  }

  /** The page a list's address answers: its text as the body, its cursor in a header. */
  public <T extends BusMessage> Future<Page> page(Address<T> address, T body, String requestId) {
    return this.<T, Buffer>message(address, body, requestId).map(Page::of);
  }

  private <T extends BusMessage, R> Future<Message<R>> message(Address<T> address, T body, String requestId) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeouts.applyAsLong(address.timeout()));
    if (requestId != null) {
      options.addHeader(REQUEST_ID_HEADER, requestId);
    }
    return vertx.eventBus().request(address.name(), body.toJson(), options);
  }
}

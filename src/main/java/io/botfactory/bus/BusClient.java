package io.botfactory.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * Sends requests to a service with an explicit timeout, so that a service that is down, slow or
 * missing surfaces as a {@code TIMEOUT} or {@code NO_HANDLERS} failure (503) within a bounded
 * time instead of a hang.
 */
public class BusClient {

  /** Header carrying the HTTP request id, so a service can log it beside its own lines. */
  public static final String REQUEST_ID_HEADER = "x-request-id";

  private final Vertx vertx;
  private final long timeoutMs;

  public BusClient(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
  }

  /** {@code requestId} may be null (a request not made on behalf of an HTTP call). */
  public <T extends BusMessage> Future<JsonObject> request(Address<T> address, T body, String requestId) {
    return this.<T, JsonObject>message(address, body, requestId).map(Message::body);
  }

  /** The whole reply, headers included, for services that answer with more than a JSON object. */
  public <T extends BusMessage, R> Future<Message<R>> message(Address<T> address, T body, String requestId) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeoutMs);
    if (requestId != null) {
      options.addHeader(REQUEST_ID_HEADER, requestId);
    }
    return vertx.eventBus().request(address.name(), body.toJson(), options);
  }
}

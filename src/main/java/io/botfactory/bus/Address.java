package io.botfactory.bus;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An event-bus address together with the request it takes, so that a sender cannot send the
 * wrong body and a service decodes it the one way {@link BusJson} reads the message type; and
 * with how long a request to it may take ({@link Timeout}), which {@link BusClient} sends with.
 */
public record Address<T extends BusMessage>(String name, Class<T> type, Timeout timeout) {

  private static final Logger LOG = LoggerFactory.getLogger(Address.class);

  /** An address answered within the bus timeout. */
  public Address(String name, Class<T> type) {
    this(name, type, Timeout.BUS);
  }

  /** The request in {@code body}; a body that is not one fails as {@link Failure#INVALID}. */
  public T decode(Object body) {
    if (!(body instanceof JsonObject)) {
      throw Failure.INVALID.exception("[]");
    }
    return BusJson.fromJson((JsonObject) body, type);
  }

  /**
   * The request in {@code message}, for a consumer bound without {@link ServiceEndpoints}; null
   * when the body is not one, which is then answered {@link Failure#INVALID} if the sender awaits
   * a reply, else dropped here.
   */
  public T receive(Message<?> message) {
    try {
      return decode(message.body());
    } catch (ReplyException invalid) {
      if (message.replyAddress() != null) {
        message.fail(invalid.failureCode(), invalid.getMessage());
      } else {
        LOG.warn("{}: dropped a body that is not a {}: {}", name, type.getSimpleName(), invalid.getMessage());
      }
      return null;
    }
  }

  /**
   * The address of one node's instance of this service, {@code <name>.<node>}, for messages that
   * must reach one node in particular (the engine node holding a bot).
   */
  public Address<T> at(String node) {
    return new Address<>(name + "." + node, type, timeout);
  }

  @Override
  public String toString() {
    return name;
  }
}

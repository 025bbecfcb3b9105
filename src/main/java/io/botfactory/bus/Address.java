package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

import java.util.function.Function;

/**
 * An event-bus address together with the request it takes, so that a sender cannot send the
 * wrong body and a service decodes it the one way the message type defines.
 */
public record Address<T extends BusMessage>(String name, Class<T> type, Function<JsonObject, T> decoder) {

  /** The request in {@code body}; a body that is not one fails as {@link Failure#INVALID}. */
  public T decode(JsonObject body) {
    if (body == null) {
      throw Failure.INVALID.exception("[]");
    }
    try {
      return decoder.apply(body);
    } catch (ClassCastException e) {
      throw Failure.INVALID.exception("[]");
    }
  }

  /**
   * The address of one node's instance of this service, {@code <name>.<node>}, for messages that
   * must reach one node in particular (the engine node holding a bot).
   */
  public Address<T> at(String node) {
    return new Address<>(name + "." + node, type, decoder);
  }

  @Override
  public String toString() {
    return name;
  }
}

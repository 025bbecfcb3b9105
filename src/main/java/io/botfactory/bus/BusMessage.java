package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/**
 * A request body on the bus, written once as a record that both sides use: the sender calls
 * {@link #toJson()}, the service decodes it with its {@link Address}. {@link BusJson} writes and
 * reads every message, so a record holds no JSON code of its own: its JSON keys are its
 * components in snake_case; BusMessagesTest holds every message to that, and DocsTest holds
 * docs/event-bus.md to the keys. Plain JSON keeps the bus open to workers in other languages
 * (the TCP event-bus bridge).
 */
public interface BusMessage {

  default JsonObject toJson() {
    return BusJson.toJson(this);
  }
}

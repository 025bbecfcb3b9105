package io.botfactory.bus;

import java.util.Map;

/** A reply that carries headers beside its body; a service operation may complete with one. */
public record BusReply(Object body, Map<String, String> headers) {
}

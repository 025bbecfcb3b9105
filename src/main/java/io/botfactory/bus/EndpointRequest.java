package io.botfactory.bus;

/**
 * {@code integration.endpoints.get}, {@code .delete}, {@code .rotate}: one event endpoint of one
 * bot of the caller; both ids as given in the URL, maybe not UUIDs.
 */
public record EndpointRequest(String clientId, String botId, String endpointId) implements BusMessage {
}

package io.botfactory.bus;

/** {@code integration.endpoints.replay}: every failed delivery of one endpoint created since {@code since} (a timestamp as given), again. */
public record ReplayRequest(String clientId, String botId, String endpointId, String since) implements BusMessage {
}

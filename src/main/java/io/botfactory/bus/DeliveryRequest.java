package io.botfactory.bus;

/** {@code integration.deliveries.retry}: one delivery of one endpoint of one bot of the caller, ids as given in the URL. */
public record DeliveryRequest(String clientId, String botId, String endpointId, String deliveryId) implements BusMessage {
}

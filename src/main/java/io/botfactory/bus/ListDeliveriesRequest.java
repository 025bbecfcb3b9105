package io.botfactory.bus;

/**
 * {@code integration.deliveries.list}: a page of one endpoint's delivery log, newest first, after
 * the delivery {@code after}, only those in {@code status} when it is not null.
 */
public record ListDeliveriesRequest(String clientId, String botId, String endpointId, String status, int limit,
                                    String after) implements BusMessage {
}

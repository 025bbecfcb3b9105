package io.botfactory.bus;

/**
 * {@code deliveries.due}: "{@code count} deliveries to owners' endpoints were just written", sent
 * (no reply) to one delivery worker once the work that caused them committed. Only a wake-up
 * call: the deliveries are in PostgreSQL, and the workers' sweep finds them anyway.
 */
public record DeliveriesDue(long count) implements BusMessage {
}

package io.botfactory.bus;

/** {@code {}}: is the service there, and does it reach its database? */
public record HealthRequest() implements BusMessage {
}

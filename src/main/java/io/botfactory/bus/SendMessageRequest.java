package io.botfactory.bus;

/**
 * {@code integration.messages.send}: a message to queue for one chat of one bot of the caller;
 * {@code idempotencyKey}: the request's {@code Idempotency-Key} header, or null.
 */
public record SendMessageRequest(String clientId, String botId, long chatId, String text, boolean silent,
                                 String idempotencyKey) implements BusMessage {
}

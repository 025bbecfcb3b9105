package io.botfactory.bus;

/**
 * {@code telegram.updates.store}: one update Telegram delivered for {@code botId}, to be stored
 * before it is acknowledged: its JSON text exactly as received, and what handling it needs,
 * read from that text by the receiving node ({@link IncomingUpdate}).
 */
public record StoreUpdateRequest(String botId, String payload, IncomingUpdate update) implements BusMessage {

  @Override
  public String toString() {
    return "StoreUpdateRequest[botId=" + botId + ", updateId=" + update.updateId() + ", kind=" + update.kind() + "]";
  }
}

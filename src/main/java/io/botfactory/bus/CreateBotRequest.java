package io.botfactory.bus;

/** {@code bots.create}: a new bot of the caller (client id from its verified token). */
public record CreateBotRequest(String clientId, String name, String description, String token) implements BusMessage {

  @Override
  public String toString() {
    return "CreateBotRequest[clientId=" + clientId + ", name=" + name + "]";
  }
}

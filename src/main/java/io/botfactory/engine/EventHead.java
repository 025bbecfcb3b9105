package io.botfactory.engine;

import io.botfactory.bus.IncomingUpdate;
import io.vertx.core.json.JsonObject;

/**
 * The start of a received message's event data, written here from what the update said: the
 * chat and the user, as a JSON fragment ({@code "chat":{...},"user":{...}}) that the outcomes'
 * statement completes with the text and the update itself.
 */
final class EventHead {

  private EventHead() {
  }

  static String of(IncomingUpdate update) {
    JsonObject chat = new JsonObject().put("id", update.chatId()).put("type", update.chatType());
    JsonObject user = new JsonObject().put("id", update.fromId()).put("first_name", update.firstName())
      .put("username", update.username()).put("language_code", update.languageCode());
    String json = new JsonObject().put("chat", chat).put("user", user).encode();
    return json.substring(1, json.length() - 1);
  }
}

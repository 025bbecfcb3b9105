package io.botfactory.updates;

import io.vertx.core.json.JsonObject;

import java.util.Set;

/**
 * The chat an update belongs to, for the bot's chat list: its id and type (private, group,
 * supergroup, channel), or null when the update names no such chat (an inline query, a poll).
 * {@code writes}: the update is a message the chat sent, which lifts a block (a user who blocked
 * the bot and writes again has unblocked it).
 */
record ChatOf(long id, String type, boolean writes) {

  private static final Set<String> TYPES = Set.of("private", "group", "supergroup", "channel");
  private static final Set<String> MESSAGES = Set.of("message", "edited_message", "channel_post", "edited_channel_post",
    "business_message", "edited_business_message");
  private static final Set<String> HOLDERS = Set.of("my_chat_member", "chat_member", "chat_join_request",
    "message_reaction", "message_reaction_count", "chat_boost", "removed_chat_boost");

  static ChatOf of(String kind, JsonObject update) {
    Object object = update.getValue(kind);
    if (!(object instanceof JsonObject)) {
      return null;
    }
    JsonObject body = (JsonObject) object;
    if (MESSAGES.contains(kind) || HOLDERS.contains(kind)) {
      return chat(body.getValue("chat"), kind.equals("message"));
    }
    if (kind.equals("callback_query") && body.getValue("message") instanceof JsonObject) {
      return chat(body.getJsonObject("message").getValue("chat"), false);
    }
    return null;
  }

  private static ChatOf chat(Object value, boolean writes) {
    if (!(value instanceof JsonObject)) {
      return null;
    }
    JsonObject chat = (JsonObject) value;
    Object id = chat.getValue("id");
    Object type = chat.getValue("type");
    if (!(id instanceof Number) || !(type instanceof String) || !TYPES.contains(type)) {
      return null;
    }
    return new ChatOf(((Number) id).longValue(), (String) type, writes);
  }
}

package io.botfactory.telegram;

import io.vertx.core.json.JsonArray;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The update types of the Bot API, in the server's order (telegram-bot-api Client::UpdateType), and
 * its {@code allowed_updates} rules: a list of names replaces the bot's set (unknown names ignored;
 * none known, or an empty list, means the default set); a missing or unparsable value changes nothing.
 */
final class UpdateTypes {

  static final List<String> ALL = List.of("message", "edited_message", "channel_post", "edited_channel_post",
    "inline_query", "chosen_inline_result", "callback_query", "custom_event", "custom_query", "shipping_query",
    "pre_checkout_query", "poll", "poll_answer", "my_chat_member", "chat_member", "chat_join_request", "chat_boost",
    "removed_chat_boost", "message_reaction", "message_reaction_count", "business_connection", "business_message",
    "edited_business_message", "deleted_business_messages", "purchased_paid_media", "managed_bot", "guest_message");

  /** Everything but chat_member, message_reaction and message_reaction_count. */
  static final Set<String> DEFAULT = defaults();

  private UpdateTypes() {
  }

  /** The new set for an {@code allowed_updates} parameter, or null to keep the current one. */
  static Set<String> parse(Object param) {
    Object value = param;
    if (value instanceof String text) {
      if (text.isEmpty()) {
        return null;
      }
      try {
        value = new JsonArray(text);
      } catch (RuntimeException notJson) {
        return null;
      }
    }
    if (!(value instanceof JsonArray names)) {
      return null;
    }
    Set<String> chosen = new LinkedHashSet<>();
    for (Object name : names) {
      if (!(name instanceof String s)) {
        return null;
      }
      chosen.add(s.toLowerCase(Locale.ROOT));
    }
    Set<String> result = new LinkedHashSet<>();
    ALL.stream().filter(chosen::contains).forEach(result::add);
    return result.isEmpty() ? DEFAULT : result;
  }

  /** As getWebhookInfo shows it: in the server's order, without the internal custom types. */
  static JsonArray toJson(Set<String> types) {
    JsonArray out = new JsonArray();
    ALL.stream().filter(types::contains).filter(t -> !t.startsWith("custom_")).forEach(out::add);
    return out;
  }

  private static Set<String> defaults() {
    Set<String> types = new LinkedHashSet<>(ALL);
    types.removeAll(List.of("chat_member", "message_reaction", "message_reaction_count"));
    return Set.copyOf(types);
  }
}

package io.botfactory.telegram;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/** Everything the double knows about one bot. Guarded by the {@link DoubleState}'s lock. */
final class DoubleBot {

  final long id;
  String username;
  /** Whether only the tokens listed are valid (addBot/addToken); else, in lenient mode, any unrevoked one. */
  boolean pinned;
  final Set<String> tokens = new HashSet<>();

  String webhookUrl = "";
  String webhookSecret = "";
  int maxConnections;
  Set<String> allowedUpdates = UpdateTypes.DEFAULT;
  long lastErrorDate;
  String lastErrorMessage;
  long nextSetWebhookAllowedAt;

  final Deque<JsonObject> pending = new ArrayDeque<>();
  long nextUpdateId = ThreadLocalRandom.current().nextLong(100_000_000L, 900_000_000L);
  Poll poll;

  /** Command lists by scope and language ({@code {"type":"default"}|}). */
  final Map<String, JsonArray> commands = new HashMap<>();
  final Map<Long, JsonObject> chats = new LinkedHashMap<>();
  final Set<Long> blocked = new HashSet<>();
  final Map<Long, Long> lastMessageId = new HashMap<>();
  /** The texts sent to each chat, the last {@link #SENT_KEPT} of each (a benchmark sends millions). */
  static final int SENT_KEPT = 1000;
  final Map<Long, Deque<String>> sent = new HashMap<>();

  DoubleBot(long id, String username) {
    this.id = id;
    this.username = username;
  }

  /** A getUpdates waiting for an update: answered by the first update queued, or its timer. */
  record Poll(DoubleCall call, Consumer<DoubleAnswer> respond, int limit, long timerId) {
  }

  /** getMe's User, with the bot-only fields. */
  JsonObject me() {
    return new JsonObject().put("id", id).put("is_bot", true).put("first_name", firstName()).put("username", username)
      .put("can_join_groups", true).put("can_read_all_group_messages", false).put("supports_inline_queries", false)
      .put("can_connect_to_business", false).put("has_main_web_app", false);
  }

  /** The {@code from} of the bot's own messages. */
  JsonObject user() {
    return new JsonObject().put("id", id).put("is_bot", true).put("first_name", firstName()).put("username", username);
  }

  private String firstName() {
    return username.endsWith("_bot") ? username.substring(0, username.length() - 4) : username;
  }

  /** Queues an update for getUpdates (and the pending count); false when its type is not allowed. */
  boolean queue(JsonObject update) {
    String type = type(update);
    if (type != null && UpdateTypes.ALL.contains(type) && !allowedUpdates.contains(type)) {
      return false;
    }
    pending.addLast(update);
    return true;
  }

  /** Gives {@code update} an {@code update_id} when it has none; returns it. */
  long number(JsonObject update) {
    if (!(update.getValue("update_id") instanceof Number)) {
      update.put("update_id", nextUpdateId);
    }
    long updateId = update.getLong("update_id");
    nextUpdateId = Math.max(nextUpdateId, updateId + 1);
    return updateId;
  }

  /** getUpdates' offset: a positive one confirms (forgets) every earlier update, a negative one keeps the last -offset. */
  void confirm(long offset) {
    if (offset > 0) {
      pending.removeIf(u -> u.getLong("update_id") < offset);
    } else if (offset < 0) {
      while (pending.size() > -offset) {
        pending.removeFirst();
      }
    }
  }

  JsonArray firstPending(int limit) {
    JsonArray out = new JsonArray();
    pending.stream().limit(limit).forEach(u -> out.add(u.copy()));
    return out;
  }

  /** Learns the chats an update names, so that sendMessage can reach them. */
  void learnChats(JsonObject update) {
    for (String key : update.fieldNames()) {
      if (update.getValue(key) instanceof JsonObject payload) {
        learnChat(payload.getValue("chat"));
        if (payload.getValue("message") instanceof JsonObject message) {
          learnChat(message.getValue("chat"));
        }
      }
    }
  }

  private void learnChat(Object chat) {
    if (chat instanceof JsonObject c && c.getValue("id") instanceof Number n) {
      chats.put(n.longValue(), c.copy());
    }
  }

  JsonObject webhookInfo() {
    JsonObject info = new JsonObject().put("url", webhookUrl).put("has_custom_certificate", false)
      .put("pending_update_count", pending.size());
    if (lastErrorDate > 0) {
      info.put("last_error_date", lastErrorDate).put("last_error_message", lastErrorMessage);
    }
    if (maxConnections > 0) {
      info.put("max_connections", maxConnections);
    }
    if (!webhookUrl.isEmpty()) {
      info.put("ip_address", "127.0.0.1");
    }
    if (!allowedUpdates.equals(UpdateTypes.DEFAULT)) {
      info.put("allowed_updates", UpdateTypes.toJson(allowedUpdates));
    }
    return info;
  }

  List<String> sentTo(long chatId) {
    return new ArrayList<>(sent.getOrDefault(chatId, new ArrayDeque<>()));
  }

  void sent(long chatId, String text) {
    Deque<String> texts = sent.computeIfAbsent(chatId, c -> new ArrayDeque<>());
    texts.addLast(text);
    if (texts.size() > SENT_KEPT) {
      texts.removeFirst();
    }
  }

  /** An update's type: its first field other than update_id. */
  static String type(JsonObject update) {
    return update.fieldNames().stream().filter(f -> !f.equals("update_id")).findFirst().orElse(null);
  }
}

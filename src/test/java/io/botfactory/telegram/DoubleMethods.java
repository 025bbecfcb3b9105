package io.botfactory.telegram;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.botfactory.telegram.DoubleAnswer.badRequest;
import static io.botfactory.telegram.DoubleAnswer.ok;
import static io.botfactory.telegram.DoubleParams.string;

/**
 * The Bot API methods the double serves, with the real server's checks, texts and order of checks
 * (telegram-bot-api's Client.cpp and TDLib where it validates). Called under the state's lock.
 */
final class DoubleMethods {

  static final String WEBHOOK_ACTIVE =
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
  static final String OTHER_GET_UPDATES =
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";

  /** Method names as Telegram spells them, by their lower-case form (names are case-insensitive). */
  static final Map<String, String> NAMES = Stream.of("getMe", "setWebhook", "deleteWebhook", "getWebhookInfo",
      "setMyCommands", "deleteMyCommands", "getMyCommands", "sendMessage", "getUpdates")
    .collect(Collectors.toUnmodifiableMap(n -> n.toLowerCase(Locale.ROOT), n -> n));

  private final Vertx vertx;
  private final DoubleState state;
  private final DoubleWebhookMethods webhooks;

  DoubleMethods(Vertx vertx, DoubleState state) {
    this.vertx = vertx;
    this.state = state;
    this.webhooks = new DoubleWebhookMethods(state, this);
  }

  /** Telegram's spelling of a method, or the name as sent when the double does not know it. */
  static String canonical(String sent) {
    return NAMES.getOrDefault(sent.toLowerCase(Locale.ROOT), sent);
  }

  /** The answer to a call, or null when it will come later through {@code respond} (a waiting getUpdates). */
  DoubleAnswer answer(DoubleBot bot, String lowerMethod, JsonObject p, DoubleCall call, Consumer<DoubleAnswer> respond) {
    switch (lowerMethod) {
      case "getme":
        return ok(bot.me());
      case "setwebhook":
      case "deletewebhook":
        return webhooks.setWebhook(bot, lowerMethod, p);
      case "getwebhookinfo":
        return ok(bot.webhookInfo());
      case "setmycommands":
        return DoubleCommands.set(bot, p);
      case "deletemycommands":
        bot.commands.remove(DoubleCommands.key(p));
        return ok(true);
      case "getmycommands":
        return ok(bot.commands.getOrDefault(DoubleCommands.key(p), new JsonArray()).copy());
      case "sendmessage":
        return sendMessage(bot, p, call);
      case "getupdates":
        return getUpdates(bot, p, call, respond);
      default:
        return DoubleAnswer.notFound();
    }
  }

  private DoubleAnswer sendMessage(DoubleBot bot, JsonObject p, DoubleCall call) {
    String text = string(p, "text");
    if (text == null || text.isEmpty()) {
      return badRequest("message text is empty");
    }
    String chatText = string(p, "chat_id");
    if (chatText == null || chatText.isEmpty()) {
      return badRequest("chat_id is empty");
    }
    JsonObject chat = chat(bot, chatText);
    if (chat == null) {
      return badRequest("chat not found");
    }
    long chatId = chat.getLong("id");
    String stripped = text.strip();
    if (stripped.isEmpty()) {
      return badRequest("message must be non-empty");
    }
    if (stripped.length() > 4096) {
      return badRequest("message is too long");
    }
    if (bot.blocked.contains(chatId)) {
      return DoubleAnswer.error(403, "Forbidden: bot was blocked by the user");
    }
    if (state.floodControl != null) {
      int wait = state.floodControl.check(bot.id, chatId, !"private".equals(chat.getString("type")));
      if (wait > 0) {
        return DoubleAnswer.retryAfter(wait);
      }
    }
    long messageId = bot.lastMessageId.merge(chatId, 1L, Long::sum);
    bot.sent(chatId, stripped);
    state.sentLog.add(bot.id, chatId, call.receivedAt(), stripped);
    return ok(new JsonObject().put("message_id", messageId).put("from", bot.user()).put("chat", chat.copy())
      .put("date", Instant.now().getEpochSecond()).put("text", stripped));
  }

  /** The chat a chat_id names: one the bot has seen in an update, or (acceptAnyChat) any numeric id. */
  private JsonObject chat(DoubleBot bot, String chatText) {
    long chatId;
    try {
      chatId = Long.parseLong(chatText.trim());
    } catch (NumberFormatException e) {
      return null;
    }
    JsonObject known = bot.chats.get(chatId);
    if (known != null || !state.acceptAnyChat || chatId == 0) {
      return known;
    }
    JsonObject chat = chatId > 0
      ? new JsonObject().put("id", chatId).put("first_name", "User " + chatId).put("type", "private")
      : new JsonObject().put("id", chatId).put("title", "Chat " + chatId)
        .put("type", chatId < -1_000_000_000_000L ? "supergroup" : "group");
    bot.chats.put(chatId, chat);
    return chat;
  }

  private DoubleAnswer getUpdates(DoubleBot bot, JsonObject p, DoubleCall call, Consumer<DoubleAnswer> respond) {
    if (!bot.webhookUrl.isEmpty()) {
      return DoubleAnswer.error(409, WEBHOOK_ACTIVE);
    }
    long offset = DoubleParams.integer(p, "offset", 0);
    int limit = (int) DoubleParams.clamp(DoubleParams.integer(p, "limit", 100), 1, 100);
    int timeout = (int) DoubleParams.clamp(DoubleParams.integer(p, "timeout", 0), 0, 50);
    var allowed = UpdateTypes.parse(p.getValue("allowed_updates"));
    if (allowed != null) {
      bot.allowedUpdates = allowed;
    }
    bot.confirm(offset);
    JsonArray found = bot.firstPending(limit);
    if (!found.isEmpty() || timeout == 0) {
      return ok(found);
    }
    // Only a getUpdates that is going to wait ends the one already waiting (Client::do_get_updates).
    abortPoll(bot, OTHER_GET_UPDATES);
    long timer = vertx.setTimer(timeout * 1000L, id -> {
      synchronized (state) {
        if (bot.poll != null && bot.poll.call() == call) {
          bot.poll = null;
          respond.accept(ok(bot.firstPending(limit)));
        }
      }
    });
    bot.poll = new DoubleBot.Poll(call, respond, limit, timer);
    return null;
  }

  /** Answers a waiting getUpdates with what is pending now (after an update was queued). */
  void wakeUp(DoubleBot bot) {
    DoubleBot.Poll poll = bot.poll;
    if (poll != null && !bot.pending.isEmpty()) {
      bot.poll = null;
      vertx.cancelTimer(poll.timerId());
      poll.respond().accept(ok(bot.firstPending(poll.limit())));
    }
  }

  /** Ends a waiting getUpdates with a 409. */
  void abortPoll(DoubleBot bot, String description) {
    DoubleBot.Poll poll = bot.poll;
    if (poll != null) {
      bot.poll = null;
      vertx.cancelTimer(poll.timerId());
      poll.respond().accept(DoubleAnswer.error(409, description));
    }
  }
}

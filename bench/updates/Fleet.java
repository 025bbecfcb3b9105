import io.botfactory.security.WebhookSecrets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The bots the benchmark runs (written by {@code setup}, read by every load): each one's id in
 * BotFactory, Telegram bot id, username and webhook secret, and the chats that write to them.
 * The secret is computed with the service's own {@link WebhookSecrets} (from the jar) under the
 * key the benchmark gave the service, as Telegram would hold it after setWebhook.
 */
final class Fleet {

  /** The commands every bot has; a chat's k-th command is {@code COMMANDS[k % 4]}. */
  static final List<String> COMMANDS = List.of("start", "help", "price", "status");
  static final List<String> REPLIES = List.of(
    "Welcome! I am a BotFactory benchmark bot. Send /help to see what I can do.",
    "Commands: /start to begin, /price for today's prices, /status for your order. Replies come within a second.",
    "Today's prices: small 4.50 €, medium 6.20 €, large 7.90 € (tax included). Order before 18:00 for same-day delivery.",
    "Your order is being prepared 🍳 and will leave our kitchen in about 12 minutes. We will message you when it does.");

  record Bot(UUID id, long telegramId, String username, String secret) {
  }

  final List<Bot> bots;
  final int chatsPerBot;
  private final Map<Long, Integer> byTelegramId = new HashMap<>();

  Fleet(List<Bot> bots, int chatsPerBot) {
    this.bots = bots;
    this.chatsPerBot = chatsPerBot;
    for (int i = 0; i < bots.size(); i++) {
      byTelegramId.put(bots.get(i).telegramId(), i);
    }
  }

  int size() {
    return bots.size();
  }

  /** The bot's index, or -1 for a Telegram bot id not in the fleet. */
  int indexOf(long telegramId) {
    return byTelegramId.getOrDefault(telegramId, -1);
  }

  static int command(String replyText) {
    return REPLIES.indexOf(replyText);
  }

  static JsonObject commandSet() {
    JsonArray commands = new JsonArray();
    for (int i = 0; i < COMMANDS.size(); i++) {
      commands.add(new JsonObject().put("command", COMMANDS.get(i)).put("description", "Benchmark command " + COMMANDS.get(i))
        .put("reply", REPLIES.get(i)));
    }
    return new JsonObject().put("commands", commands).putNull("fallback_reply");
  }

  static void write(Path file, List<JsonObject> bots, int chatsPerBot) throws IOException {
    Files.writeString(file, new JsonObject().put("chats_per_bot", chatsPerBot).put("bots", new JsonArray(List.copyOf(bots)))
      .encode());
  }

  /** Reads a fleet file; {@code webhookKeyBase64}: BOTFACTORY_WEBHOOK_KEY of the service. */
  static Fleet read(Path file, String webhookKeyBase64) throws IOException {
    JsonObject json = new JsonObject(Files.readString(file));
    WebhookSecrets secrets = new WebhookSecrets(Base64.getDecoder().decode(webhookKeyBase64));
    List<Bot> bots = json.getJsonArray("bots").stream().map(JsonObject.class::cast).map(b -> {
      UUID id = UUID.fromString(b.getString("id"));
      return new Bot(id, b.getLong("telegram_bot_id"), b.getString("telegram_username"), secrets.secret(id));
    }).toList();
    return new Fleet(bots, json.getInteger("chats_per_bot"));
  }
}

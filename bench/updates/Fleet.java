import io.botfactory.security.WebhookSecrets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The bots the benchmark runs (written by {@code setup}, read by every load): each one's id in
 * BotFactory, Telegram bot id, username and webhook secret, and the chats that write to them
 * (the file also keeps each bot's token, for a peer server that runs the same bots).
 * The secret is computed with the service's own {@link WebhookSecrets} (from the jar) under the
 * key the benchmark gave the service, as Telegram would hold it after setWebhook; for a peer
 * server measured beside it (bench/run.sh --peer-grammy), as that server derives it.
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

  /**
   * Whose webhook secrets: BotFactory's ({@link WebhookSecrets}: HMAC-SHA256 of a label and the
   * id's 16 bytes), or the grammY anchor's (HMAC-SHA256 of the id's lower-case text, base64url
   * without padding: its config.js). The two differ, so the generator derives each server's own.
   */
  enum Secrets {
    BOTFACTORY, GRAMMY;

    static Secrets of(String name) {
      return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    java.util.function.Function<UUID, String> under(byte[] key) {
      if (this == BOTFACTORY) {
        WebhookSecrets secrets = new WebhookSecrets(key);
        return secrets::secret;
      }
      return id -> {
        try {
          Mac mac = Mac.getInstance("HmacSHA256");
          mac.init(new SecretKeySpec(key, "HmacSHA256"));
          byte[] h = mac.doFinal(id.toString().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
          return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
      };
    }
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

  /**
   * Reads a fleet file; {@code webhookKeyBase64}: BOTFACTORY_WEBHOOK_KEY of the service (the
   * peer's WEBHOOK_KEY is the same value); {@code chatsPerBot}: how many chats write to each bot
   * (null: the file's).
   */
  static Fleet read(Path file, String webhookKeyBase64, Secrets scheme, Integer chatsPerBot) throws IOException {
    JsonObject json = new JsonObject(Files.readString(file));
    java.util.function.Function<UUID, String> secret = scheme.under(Base64.getDecoder().decode(webhookKeyBase64));
    List<Bot> bots = json.getJsonArray("bots").stream().map(JsonObject.class::cast).map(b -> {
      UUID id = UUID.fromString(b.getString("id"));
      return new Bot(id, b.getLong("telegram_bot_id"), b.getString("telegram_username"), secret.apply(id));
    }).toList();
    return new Fleet(bots, chatsPerBot != null ? chatsPerBot : json.getInteger("chats_per_bot"));
  }

  /**
   * The grammY anchor's BOTS_FILE for the same bots: id, token, the same commands and replies, no
   * fallback reply, and the username (so that it never calls getMe).
   */
  static void writePeerBots(Path fleetFile, Path out) throws IOException {
    JsonObject json = new JsonObject(Files.readString(fleetFile));
    JsonArray commands = commandSet().getJsonArray("commands");
    JsonArray bots = new JsonArray();
    for (Object o : json.getJsonArray("bots")) {
      JsonObject b = (JsonObject) o;
      if (b.getString("token") == null) {
        throw new IllegalStateException("the fleet file has no bot tokens (written by an older set-up)");
      }
      bots.add(new JsonObject().put("id", b.getString("id")).put("token", b.getString("token")).put("commands", commands)
        .putNull("fallback_reply").put("username", b.getString("telegram_username")));
    }
    Files.writeString(out, bots.encode());
  }
}

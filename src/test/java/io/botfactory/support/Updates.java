package io.botfactory.support;

import io.botfactory.security.WebhookSecrets;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Telegram-shaped updates for tests, and the webhook secret the test node gives each bot. */
public final class Updates {

  private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L);
  private static final WebhookSecrets SECRETS = new WebhookSecrets(Base64.getDecoder().decode(TestStack.WEBHOOK_KEY));

  private Updates() {
  }

  public static long nextId() {
    return IDS.incrementAndGet();
  }

  /** The secret Telegram would send with this bot's updates, on a node configured by {@link TestStack#config}. */
  public static String secret(String botId) {
    return SECRETS.secret(UUID.fromString(botId));
  }

  /** A new bot of {@code owner} that answers every message with {@code reply}, once its webhook is set. */
  public static JsonObject answeringBot(Api api, Api.Account owner, String name, String reply) {
    JsonObject bot = api.createBot(owner, name);
    String botId = bot.getString("id");
    assertThat(api.request(HttpMethod.PUT, "/bots/" + botId + "/commands", owner.token())
      .sendJsonObject(new JsonObject().put("commands", new JsonArray()).put("fallback_reply", reply)).await().statusCode())
      .isEqualTo(200);
    api.awaitWebhook(owner, botId, "active");
    return bot;
  }

  /** Posts {@code update} to the bot's webhook route as Telegram does, with the bot's secret; it must be taken (200). */
  public static void deliver(Api api, String botId, JsonObject update) {
    assertThat(api.client.post("/telegram/webhook/" + botId).putHeader("X-Telegram-Bot-Api-Secret-Token", secret(botId))
      .sendJsonObject(update).await().statusCode()).isEqualTo(200);
  }

  /** A text message from a private chat (the chat id is the user's id), with a fresh update_id. */
  public static JsonObject text(long chatId, String text) {
    JsonObject message = new JsonObject()
      .put("message_id", (int) (nextId() % 100000))
      .put("from", new JsonObject().put("id", chatId).put("is_bot", false).put("first_name", "Ada").put("language_code", "en"))
      .put("chat", new JsonObject().put("id", chatId).put("first_name", "Ada").put("type", "private"))
      .put("date", System.currentTimeMillis() / 1000)
      .put("text", text);
    if (text.startsWith("/")) {
      int end = text.indexOf(' ') < 0 ? text.length() : text.indexOf(' ');
      message.put("entities", new JsonArray().add(new JsonObject().put("offset", 0).put("length", end)
        .put("type", "bot_command")));
    }
    return new JsonObject().put("update_id", nextId()).put("message", message);
  }

  /** A message in a group chat (negative id, above 2^32 in magnitude as supergroups are). */
  public static JsonObject groupText(long chatId, long userId, String text) {
    JsonObject update = text(userId, text);
    update.getJsonObject("message").put("chat", new JsonObject().put("id", chatId).put("title", "Group")
      .put("type", "supergroup"));
    return update;
  }
}

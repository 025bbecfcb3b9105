package io.botfactory.webhook;

import io.botfactory.config.ConfigKey;
import io.botfactory.security.WebhookSecrets;
import io.botfactory.support.Api;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.botfactory.support.Updates;
import io.botfactory.telegram.DoubleFault;
import io.botfactory.telegram.FaultRule;
import io.botfactory.telegram.TelegramDouble;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changing the webhook key without a gap: while every webhook is set again with the new key's
 * secret, Telegram keeps delivering with the old one, and those deliveries are taken; once the
 * old key is dropped, its secrets are refused.
 */
@ExtendWith(VertxExtension.class)
class WebhookKeyRotationTest {

  private static final String OLD_KEY = TestStack.WEBHOOK_KEY;
  private static final String NEW_KEY = "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=";
  private static final Duration WITHIN = Duration.ofSeconds(30);

  private final TelegramDouble telegram = TelegramDoubles.shared();
  private TestStack node;

  @AfterEach
  void stop() {
    telegram.clearFaults();
    if (node != null) {
      node.stop();
    }
  }

  @Test
  void oldSecretsAreTakenWhileEveryWebhookIsSetAgainWithTheNewKey(Vertx vertx) {
    // A database of its own: no other node's webhook worker (with the old key only) may set this bot's webhook.
    JsonObject before = TestStack.config(TestDatabase.fresh("rotation"));
    node = TestStack.start(before);
    Api api = new Api(vertx, node.port);
    Api.Account owner = api.newAccount();
    JsonObject bot = api.createBot(owner, "Rotated");
    String botId = bot.getString("id");
    long telegramId = bot.getLong("telegram_bot_id");
    String oldSecret = secret(OLD_KEY, botId);
    String newSecret = secret(NEW_KEY, botId);
    assertThat(telegram.webhook(telegramId).secret()).isEqualTo(oldSecret);
    node.stop();
    node = null;

    // The switch: the new key, the old one kept. Telegram takes no setWebhook for now, so the
    // rotation stays under way for as long as the test needs.
    FaultRule notYet = telegram.when("setWebhook").forBot(telegramId).then(DoubleFault.retryAfter(1));
    node = TestStack.start(before.copy().put(ConfigKey.WEBHOOK_KEY.key(), NEW_KEY)
      .put(ConfigKey.WEBHOOK_KEYS_OLD.key(), OLD_KEY));
    api = new Api(vertx, node.port);
    telegram.awaitCalls(c -> c.botId() == telegramId && c.method().equals("setWebhook")
      && newSecret.equals(c.body().getString("secret_token")), 1, WITHIN);
    assertThat(telegram.webhook(telegramId).secret()).as("Telegram still has the old secret").isEqualTo(oldSecret);
    assertThat(telegram.deliver(telegramId, Updates.text(5_550_001L, "during")).await().status())
      .as("a delivery with the old secret during the rotation").isEqualTo(200);

    notYet.clear();
    api.awaitWebhook(owner, botId, "active");
    assertThat(telegram.webhook(telegramId).secret()).as("the webhook carries the new key's secret").isEqualTo(newSecret);
    assertThat(telegram.deliver(telegramId, Updates.text(5_550_001L, "after")).await().status()).isEqualTo(200);
    assertThat(post(api, botId, oldSecret)).as("a late delivery with the old secret").isEqualTo(200);
    assertThat(post(api, botId, secret(NEW_KEY, UUID.randomUUID().toString()))).as("another bot's secret").isEqualTo(401);
    node.stop();
    node = null;

    // The rotation done, the old key is dropped: its secrets are refused from then on.
    node = TestStack.start(before.copy().put(ConfigKey.WEBHOOK_KEY.key(), NEW_KEY));
    api = new Api(vertx, node.port);
    assertThat(post(api, botId, oldSecret)).isEqualTo(401);
    assertThat(post(api, botId, newSecret)).isEqualTo(200);
  }

  private static int post(Api api, String botId, String secret) {
    return api.client.post("/telegram/webhook/" + botId).putHeader("X-Telegram-Bot-Api-Secret-Token", secret)
      .sendJsonObject(Updates.text(5_550_002L, "direct")).await().statusCode();
  }

  private static String secret(String key, String botId) {
    return new WebhookSecrets(Base64.getDecoder().decode(key), List.of()).secret(UUID.fromString(botId));
  }
}

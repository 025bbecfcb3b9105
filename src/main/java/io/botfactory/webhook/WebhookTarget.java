package io.botfactory.webhook;

import io.botfactory.config.TelegramSettings;
import io.botfactory.security.WebhookSecrets;
import io.botfactory.telegram.AllowedUpdates;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * What this worker's configuration says an active bot's webhook is: with a public URL, a webhook
 * at {@code {public URL}/telegram/webhook/{bot id}} with the bot's secret, the explicit update
 * types and max_connections (drop_pending_updates never set: no update a user sent is thrown
 * away); without one, no webhook, as the service polls. The {@link #fingerprint()} names that
 * configuration, so rows confirmed under another are done again.
 */
final class WebhookTarget {

  /** deleteWebhook's parameters: pending updates are kept, for polling or a later webhook. */
  static final JsonObject KEEP_PENDING = new JsonObject().put("drop_pending_updates", false);

  private final TelegramSettings settings;
  private final WebhookSecrets secrets;
  private final String fingerprint;

  WebhookTarget(TelegramSettings settings) {
    this.settings = settings;
    this.secrets = new WebhookSecrets(settings.webhookKeyBytes());
    this.fingerprint = fingerprint(settings);
  }

  boolean webhooks() {
    return settings.webhooks();
  }

  /** The status a bot shows once Telegram has its state. */
  String activeStatus() {
    return settings.webhooks() ? "active" : "polling";
  }

  JsonObject setWebhook(UUID botId) {
    return new JsonObject()
      .put("url", settings.publicUrl() + "/telegram/webhook/" + botId)
      .put("secret_token", secrets.secret(botId))
      .put("allowed_updates", AllowedUpdates.json())
      .put("max_connections", settings.maxConnections());
  }

  String fingerprint() {
    return fingerprint;
  }

  /** A digest of everything here that Telegram is told; the key enters only as its own digest. */
  private static String fingerprint(TelegramSettings settings) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      String keyDigest = HexFormat.of().formatHex(sha.digest(settings.webhookKeyBytes()));
      String text = String.join("|", settings.webhooks() ? "webhook" : "polling", settings.publicUrl(),
        String.valueOf(settings.maxConnections()), String.join(",", AllowedUpdates.TYPES), keyDigest);
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.botfactory.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.List;

import static io.botfactory.config.ConfigKey.PUBLIC_URL;
import static io.botfactory.config.ConfigKey.TELEGRAM_ALLOW_HTTP;
import static io.botfactory.config.ConfigKey.TELEGRAM_API_URL;
import static io.botfactory.config.ConfigKey.TELEGRAM_MAX_ANSWER_BYTES;
import static io.botfactory.config.ConfigKey.TELEGRAM_MAX_CONNECTIONS;
import static io.botfactory.config.ConfigKey.TELEGRAM_POOL_SIZE;
import static io.botfactory.config.ConfigKey.TELEGRAM_TIMEOUT_MS;
import static io.botfactory.config.ConfigKey.TELEGRAM_VERIFY;
import static io.botfactory.config.ConfigKey.WEBHOOK_KEY;
import static io.botfactory.config.ConfigKey.WEBHOOK_KEYS_OLD;
import static io.botfactory.config.ConfigKey.WEBHOOK_LEASE_S;
import static io.botfactory.config.ConfigKey.WEBHOOK_RETRY_MAX_S;
import static io.botfactory.config.ConfigKey.WEBHOOK_SWEEP_MS;
import static io.botfactory.config.ConfigKey.WEBHOOK_VIEWS_PER_MINUTE;

/**
 * The conversation with the Telegram Bot API. {@code apiUrl}: the Bot API server (no trailing
 * slash), https unless {@code allowHttp} (a test double). {@code publicUrl}: where Telegram reaches this service (no trailing slash); empty
 * means polling. {@code webhookKey}: base64 of the 32-byte key behind every bot's webhook
 * secret; {@code oldWebhookKeys}: the keys before it, whose secrets are still accepted while every
 * webhook is set again with the current key's (a rotation). {@code verify}: check tokens with getMe. {@code maxConnections}: setWebhook's
 * max_connections. {@code timeoutMs}: a call's timeout (getMe on a request, getWebhookInfo and
 * long polls have their own). {@code poolSize}: connections to the Bot API server per client.
 * {@code maxAnswerBytes}: the largest answer a client reads.
 * {@code sweepMs}, {@code leaseSeconds}: how often webhook workers look for due work even
 * without an event, and how long a worker's claim on a bot lasts without being renewed.
 * {@code retryMaxSeconds}: the longest back-off before a worker tries a failed call again.
 * {@code webhookViewsPerMinute}: how many {@code GET /bots/{id}/webhook} an account may make a
 * minute on a node.
 */
public record TelegramSettings(String apiUrl, boolean allowHttp, String publicUrl, String webhookKey,
                               List<String> oldWebhookKeys, boolean verify, int maxConnections, int timeoutMs,
                               int poolSize, int maxAnswerBytes, int sweepMs, int leaseSeconds,
                               int retryMaxSeconds, int webhookViewsPerMinute) {

  static TelegramSettings read(ConfigReader r) {
    boolean allowHttp = r.bool(TELEGRAM_ALLOW_HTTP);
    String apiUrl = url(r, TELEGRAM_API_URL, false);
    if (!allowHttp && !apiUrl.toLowerCase(java.util.Locale.ROOT).startsWith("https://")) {
      throw new ConfigException(TELEGRAM_API_URL + " must be an https:// URL: every call carries a bot token ("
        + TELEGRAM_ALLOW_HTTP + "=true accepts http:// for a test double)");
    }
    return new TelegramSettings(
      apiUrl,
      allowHttp,
      url(r, PUBLIC_URL, true),
      r.text(WEBHOOK_KEY),
      r.list(WEBHOOK_KEYS_OLD),
      r.bool(TELEGRAM_VERIFY),
      r.intBetween(TELEGRAM_MAX_CONNECTIONS, 1, 100),
      r.intAtLeast(TELEGRAM_TIMEOUT_MS, 100),
      r.intAtLeast(TELEGRAM_POOL_SIZE, 1),
      r.intAtLeast(TELEGRAM_MAX_ANSWER_BYTES, 1024),
      r.intAtLeast(WEBHOOK_SWEEP_MS, 100),
      r.intAtLeast(WEBHOOK_LEASE_S, 5),
      r.intAtLeast(WEBHOOK_RETRY_MAX_S, 1),
      r.intAtLeast(WEBHOOK_VIEWS_PER_MINUTE, 1));
  }

  /** True when Telegram delivers updates to {@link #publicUrl}; false: the service polls. */
  public boolean webhooks() {
    return !publicUrl.isEmpty();
  }

  public boolean keyConfigured() {
    return !webhookKey.isEmpty();
  }

  public byte[] webhookKeyBytes() {
    return Base64.getDecoder().decode(webhookKey);
  }

  /** The keys used before the current one, decoded. */
  public List<byte[]> oldWebhookKeyBytes() {
    return oldWebhookKeys.stream().map(Base64.getDecoder()::decode).toList();
  }

  TelegramSettings withWebhookKey(String key) {
    return new TelegramSettings(apiUrl, allowHttp, publicUrl, key, oldWebhookKeys, verify, maxConnections, timeoutMs,
      poolSize, maxAnswerBytes, sweepMs, leaseSeconds, retryMaxSeconds, webhookViewsPerMinute);
  }

  /** An absolute http(s) URL without query or fragment, its trailing slashes dropped. */
  private static String url(ConfigReader r, ConfigKey key, boolean mayBeEmpty) {
    String text = r.text(key);
    if (text.isEmpty() && mayBeEmpty) {
      return text;
    }
    try {
      URI uri = new URI(text);
      boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
      if (!web || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new URISyntaxException(text, "not a plain http(s) URL");
      }
    } catch (URISyntaxException e) {
      throw new ConfigException(key + " must be an absolute https:// URL without query or fragment");
    }
    return text.replaceAll("/+$", "");
  }
}

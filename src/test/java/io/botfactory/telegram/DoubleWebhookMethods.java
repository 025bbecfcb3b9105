package io.botfactory.telegram;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static io.botfactory.telegram.DoubleAnswer.badRequest;
import static io.botfactory.telegram.DoubleAnswer.ok;

/**
 * setWebhook and deleteWebhook as telegram-bot-api does them (Client::process_set_webhook_query,
 * do_set_webhook and WebhookActor): at most one non-empty setWebhook a second per bot (else 429
 * with retry_after 1); the same settings again answer "Webhook is already set"; otherwise the old
 * webhook is removed first, so a new URL or secret that is then refused leaves no webhook at all.
 * One deviation, on request: {@code allowHttpWebhooks} accepts http URLs on any port.
 */
final class DoubleWebhookMethods {

  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]*");
  private static final Set<Integer> PORTS = Set.of(443, 80, 88, 8443);

  private final DoubleState state;
  private final DoubleMethods methods;

  DoubleWebhookMethods(DoubleState state, DoubleMethods methods) {
    this.state = state;
    this.methods = methods;
  }

  DoubleAnswer setWebhook(DoubleBot bot, String lowerMethod, JsonObject p) {
    String url = lowerMethod.equals("setwebhook") ? text(p, "url") : "";
    long now = System.currentTimeMillis();
    if (!url.isEmpty() && state.limitSetWebhookRate) {
      if (now < bot.nextSetWebhookAllowedAt) {
        return DoubleAnswer.retryAfter(1);
      }
      bot.nextSetWebhookAllowedAt = now + 1000;
    }
    int maxConnections = url.isEmpty() ? 0 : (int) DoubleParams.clamp(DoubleParams.integer(p, "max_connections", 40), 1, 100);
    String secret = url.isEmpty() ? "" : text(p, "secret_token");
    boolean drop = DoubleParams.bool(p, "drop_pending_updates");
    Set<String> allowed = UpdateTypes.parse(p.getValue("allowed_updates"));
    if (bot.webhookUrl.equals(url) && bot.maxConnections == maxConnections && bot.webhookSecret.equals(secret) && !drop) {
      if (allowed != null) {
        bot.allowedUpdates = allowed;
      }
      return ok(true, url.isEmpty() ? "Webhook is already deleted" : "Webhook is already set");
    }
    if (!url.isEmpty()) {
      methods.abortPoll(bot, "Conflict: terminated by setWebhook request");
    }
    boolean wasSet = !bot.webhookUrl.isEmpty();
    bot.webhookUrl = "";
    bot.webhookSecret = "";
    bot.maxConnections = 0;
    bot.lastErrorDate = 0;
    bot.lastErrorMessage = null;
    if (drop) {
      bot.pending.clear();
    }
    if (url.isEmpty()) {
      return ok(true, wasSet ? "Webhook was deleted" : "Webhook is already deleted");
    }
    DoubleAnswer refusal = refuse(url, secret);
    if (refusal != null) {
      return refusal;
    }
    bot.webhookUrl = url;
    bot.webhookSecret = secret;
    bot.maxConnections = maxConnections;
    if (allowed != null) {
      bot.allowedUpdates = allowed;
    }
    return ok(true, "Webhook was set");
  }

  /** Why Telegram would not take this URL and secret, or null. */
  private DoubleAnswer refuse(String url, String secret) {
    URI uri;
    try {
      uri = new URI(url.contains("://") ? url : "https://" + url);
    } catch (URISyntaxException e) {
      return badRequest("invalid webhook URL specified");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !scheme.equals("http") && !scheme.equals("https")) {
      return badRequest("invalid webhook URL specified");
    }
    if (secret.length() > 256) {
      return badRequest("secret token is too long");
    }
    if (!SECRET.matcher(secret).matches()) {
      return badRequest("secret token contains unallowed characters");
    }
    if (state.allowHttpWebhooks) {
      return null;
    }
    if (scheme.equals("http")) {
      return badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    }
    if (!PORTS.contains(uri.getPort() == -1 ? 443 : uri.getPort())) {
      return badRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443");
    }
    return null;
  }

  private static String text(JsonObject p, String name) {
    String value = DoubleParams.string(p, name);
    return value == null ? "" : value;
  }
}

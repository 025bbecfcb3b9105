package io.botfactory.http;

import io.botfactory.bus.Ids;
import io.botfactory.security.WebhookSecrets;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secret check of {@code POST /telegram/webhook/{bot_id}}: the header
 * {@code X-Telegram-Bot-Api-Secret-Token} must be the bot's secret (under the current webhook key
 * or, during a rotation, an older one), compared in constant time and checked without a database
 * round trip (the secret is derived from the bot id). It runs
 * before the body is read, so a caller without the secret gets its 401 before it can make the
 * service read a megabyte. Whether the id is a bot at all is the inbox's to say (also 401).
 */
final class TelegramWebhookGate implements SecurityPolicyHandler {

  static final String HEADER = "X-Telegram-Bot-Api-Secret-Token";
  static final String INVALID = "Invalid webhook secret";
  private static final Pattern PATH = Pattern.compile("^/telegram/webhook/([^/]+)/?$");

  private final WebhookSecrets secrets;

  TelegramWebhookGate(WebhookSecrets secrets) {
    this.secrets = secrets;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    Matcher webhook = path == null || ctx.request().method() != HttpMethod.POST ? null : PATH.matcher(path);
    if (webhook == null || !webhook.matches()) {
      ctx.next();
      return;
    }
    UUID bot = Ids.uuid(webhook.group(1));
    if (bot == null || !secrets.matches(bot, ctx.request().getHeader(HEADER))) {
      refuse(ctx);
      return;
    }
    ctx.next();
  }

  /** 401 without WWW-Authenticate (this is not a bearer route); the unread body ends the connection. */
  static void refuse(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
    Responses.json(ctx, 401, new JsonObject().put("detail", INVALID));
  }
}

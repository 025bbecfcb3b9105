package io.botfactory.support;

import io.botfactory.telegram.TelegramDouble;
import io.vertx.core.Vertx;

/**
 * The Telegram Bot API double every test node talks to unless it starts its own: one per test
 * JVM on 127.0.0.1, lenient (any well-formed token is a bot, so tests register bots freely),
 * accepting the http:// webhook URLs of services on 127.0.0.1. Tests tell their bots apart by
 * Telegram bot id ({@link Api#telegramId()} gives each its own).
 */
public final class TelegramDoubles {

  private static TelegramDouble shared;

  private TelegramDoubles() {
  }

  public static synchronized TelegramDouble shared() {
    if (shared == null) {
      shared = TelegramDouble.start(Vertx.vertx()).await()
        .acceptAnyWellFormedToken(true)
        .allowHttpWebhooks()
        .acceptAnyChat(true);
    }
    return shared;
  }
}

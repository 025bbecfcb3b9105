package io.botfactory.telegram;

import io.botfactory.config.TelegramSettings;
import io.vertx.core.Vertx;

/** The one way a service builds its {@link TelegramClient} from the configuration. */
public final class TelegramClients {

  private TelegramClients() {
  }

  public static TelegramClient create(Vertx vertx, TelegramSettings settings) {
    return new TelegramClient(vertx, new TelegramClient.Options(settings.apiUrl(), settings.timeoutMs(), settings.poolSize(),
      settings.maxAnswerBytes(), settings.allowHttp()));
  }
}

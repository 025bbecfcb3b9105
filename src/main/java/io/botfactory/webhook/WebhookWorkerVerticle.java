package io.botfactory.webhook;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.BotEvent;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook worker (role {@code webhook}): receives every bot event, on any node of the
 * cluster. Today it logs each one at debug level; registering the bot's Telegram webhook
 * (with the token asked from {@code bots.token}) is the next stage and lives here.
 */
public class WebhookWorkerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookWorkerVerticle.class);

  @Override
  public Future<?> start() {
    return vertx.eventBus().<JsonObject>consumer(Addresses.BOTS_EVENTS, this::onEvent).completion();
  }

  private void onEvent(Message<JsonObject> event) {
    BotEvent body = BotEvent.fromJson(event.body());
    JsonObject bot = body.bot() == null ? new JsonObject() : body.bot();
    LOG.debug("{} bot={} telegram_bot_id={} active={}", body.type(), bot.getString("id"),
      bot.getLong("telegram_bot_id"), bot.getBoolean("is_active"));
  }
}

package io.botfactory.bots;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.BotChanged;
import io.botfactory.config.BusSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * Tells the engine node holding a bot that the bot changed, before the change is answered: the
 * node answers once nothing decided under the bot's older version can still be sent, so a bot
 * deleted or deactivated sends nothing once its DELETE or PATCH has answered. A node that does
 * not answer in time (dead, cut off) stops sending on its own when its lease runs out: the
 * answer then waits for that.
 */
final class EngineNotice {

  private static final Logger LOG = LoggerFactory.getLogger(EngineNotice.class);

  private final Vertx vertx;

  EngineNotice(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Completes once the holder has answered, or its lease has run out; at once when no node holds the bot. */
  Future<Void> tell(UUID botId, BotChange change) {
    if (change.holder() == null) {
      return Future.succeededFuture();
    }
    BotChanged message = new BotChanged(botId.toString(), change.version());
    return vertx.eventBus().request(Addresses.ENGINE_CHANGES.at(change.holder()).name(), message.toJson(),
        new DeliveryOptions().setSendTimeout(BusSettings.ENGINE_ANSWER_MS))
      .<Void>mapEmpty()
      .recover(e -> {
        LOG.warn("Bot {}: its engine node did not confirm the change ({}); waiting {} ms for its lease to run out", botId,
          e.toString(), change.holderLeaseMs());
        return vertx.timer(Math.max(1, change.holderLeaseMs())).mapEmpty();
      });
  }
}

package io.botfactory.audience;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests a node sends to one address about one bot, through Vert.x's own outbound
 * interceptor on the node's event bus (nothing of ours is replaced): how many pages an export
 * asked for, and when.
 */
final class BusRequests implements AutoCloseable {

  private final Vertx vertx;
  private final AtomicInteger count = new AtomicInteger();
  private final Handler<DeliveryContext<Object>> counter;

  BusRequests(Vertx vertx, String address, String botId) {
    this.vertx = vertx;
    this.counter = ctx -> {
      Object body = ctx.message().body();
      if (ctx.send() && address.equals(ctx.message().address()) && body instanceof JsonObject
        && botId.equals(((JsonObject) body).getString("bot_id"))) {
        count.incrementAndGet();
      }
      ctx.next();
    };
    vertx.eventBus().addOutboundInterceptor(counter);
  }

  int count() {
    return count.get();
  }

  @Override
  public void close() {
    vertx.eventBus().removeOutboundInterceptor(counter);
  }
}

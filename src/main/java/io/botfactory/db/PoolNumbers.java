package io.botfactory.db;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;

import java.util.concurrent.atomic.AtomicInteger;

/** Numbers the pools of one service within one node (one Vert.x instance): 0, 1, 2, ... */
final class PoolNumbers implements Shareable {

  private final AtomicInteger next = new AtomicInteger();

  private PoolNumbers() {
  }

  static int next(Vertx vertx, String service) {
    return vertx.sharedData().<String, PoolNumbers>getLocalMap("botfactory.pools")
      .computeIfAbsent(service, k -> new PoolNumbers()).next.getAndIncrement();
  }
}

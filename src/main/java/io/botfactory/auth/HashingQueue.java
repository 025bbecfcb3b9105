package io.botfactory.auth;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cap on hashing jobs waiting or running, one per process (per Vert.x instance) as the
 * docs/security.md says: every auth verticle instance of the node takes its slots from this one,
 * where each used to have a cap of its own (so the node's real cap was the cap times the
 * instances).
 */
final class HashingQueue implements Shareable {

  private static final String MAP = "botfactory.argon2";

  private final int max;
  private final AtomicInteger pending = new AtomicInteger();

  private HashingQueue(int max) {
    this.max = max;
  }

  /** The node's queue; the first instance to ask creates it with its cap. */
  static HashingQueue of(Vertx vertx, int max) {
    return vertx.sharedData().<String, HashingQueue>getLocalMap(MAP).computeIfAbsent("queue", k -> new HashingQueue(max));
  }

  /** Takes a slot; false when all {@code max} are taken. */
  boolean tryEnter() {
    if (pending.incrementAndGet() > max) {
      pending.decrementAndGet();
      return false;
    }
    return true;
  }

  void leave() {
    pending.decrementAndGet();
  }
}

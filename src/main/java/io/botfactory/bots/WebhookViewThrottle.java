package io.botfactory.bots;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How often one account may look at a webhook ({@code GET /bots/{id}/webhook}), each look
 * asking Telegram ({@code getWebhookInfo}, up to 2 s): a token bucket per account of
 * {@code perMinute} looks, refilled at {@code perMinute} a minute. One per node, shared by the
 * node's storage instances (thread-safe); kept in memory, so a cluster of n storage nodes lets an
 * account n times as many, and a restart forgets it: what it guards is the node's connections to
 * Telegram and its work, not a budget that must hold across nodes. The look that finds the bucket
 * empty gets 429 with the seconds until the next one.
 */
public final class WebhookViewThrottle {

  /** Past this many accounts remembered, those whose bucket is full again (idle a minute) are forgotten. */
  private static final int FORGET_AFTER = 10_000;

  /** {@code tokens} looks left at {@code at}; {@code granted}: the last look took one. */
  private record Bucket(double tokens, long at, boolean granted) {
  }

  private final double capacity;
  private final double perNano;
  private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

  public WebhookViewThrottle(int perMinute) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("at least one webhook view a minute");
    }
    this.capacity = perMinute;
    this.perNano = perMinute / (double) TimeUnit.MINUTES.toNanos(1);
  }

  /** 0 when the account may look now (one look is taken), else the whole seconds until it may. */
  long take(UUID account) {
    long now = System.nanoTime();
    if (buckets.size() > FORGET_AFTER) {
      buckets.values().removeIf(b -> level(b, now) >= capacity);
    }
    Bucket after = buckets.compute(account, (id, b) -> {
      double level = b == null ? capacity : level(b, now);
      return level >= 1 ? new Bucket(level - 1, now, true) : new Bucket(level, now, false);
    });
    if (after.granted()) {
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - after.tokens()) / perNano / TimeUnit.SECONDS.toNanos(1)));
  }

  private double level(Bucket b, long now) {
    return Math.min(capacity, b.tokens() + (now - b.at()) * perNano);
  }
}

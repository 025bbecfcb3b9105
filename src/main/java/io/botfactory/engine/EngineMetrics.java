package io.botfactory.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The update engine's figures on /metrics: replies by outcome
 * ({@code botfactory_replies_total{outcome=sent|none|blocked|failed|dropped|skipped|rate_limited|retried}}),
 * the handling lag from stored to handled ({@code botfactory_updates_handling_lag_seconds}), the
 * inbox depth, updates stored and not yet handled ({@code botfactory_updates_inbox_depth}), the
 * updates waiting in this node's memory ({@code botfactory_updates_queued}), and the reads of
 * bots' profiles ({@code botfactory_engine_profile_reads_total}: once per change of a bot that the
 * node answers, more only when the profile cache is too small).
 */
final class EngineMetrics {

  private final MeterRegistry registry;
  private final Map<String, Counter> replies = new ConcurrentHashMap<>();
  private final Timer lag;
  private final AtomicLong depth = new AtomicLong();
  private final Counter profileReads;

  EngineMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.lag = Timer.builder("botfactory.updates.handling.lag")
      .description("From an update stored to its outcome recorded")
      .publishPercentiles(0.5, 0.99, 0.999)
      .register(registry);
    Gauge.builder("botfactory.updates.inbox.depth", depth, AtomicLong::get)
      .description("Updates stored and not yet handled (all bots, as this node last counted)")
      .register(registry);
    this.profileReads = Counter.builder("botfactory.engine.profile.reads")
      .description("Bots' profiles (token, commands) read from the database: once per change of a bot")
      .register(registry);
  }

  /** The updates waiting in this node's memory, as {@code budget} counts them. */
  void queued(QueueBudget budget) {
    Gauge.builder("botfactory.updates.queued", budget, QueueBudget::used)
      .description("Updates waiting in this node's memory (the rest waits in the inbox)")
      .register(registry);
  }

  void profileRead() {
    profileReads.increment();
  }

  void reply(String outcome) {
    replies.computeIfAbsent(outcome, o -> Counter.builder("botfactory.replies")
      .description("Replies by outcome: sent, none (nothing to answer), blocked (403), failed (other 4xx), "
        + "dropped (5xx or network for 10 minutes), skipped (bot inactive), rate_limited (a 429), retried (5xx, network)")
      .tag("outcome", o).register(registry)).increment();
  }

  void lag(double seconds) {
    lag.record(Duration.ofNanos((long) (seconds * 1e9)));
  }

  void depth(long value) {
    depth.set(value);
  }
}

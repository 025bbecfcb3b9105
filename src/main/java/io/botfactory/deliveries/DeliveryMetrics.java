package io.botfactory.deliveries;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The delivery workers' figures on /metrics: attempts by outcome
 * ({@code botfactory_deliveries_total{outcome=delivered|retried|failed|refused|skipped}}: refused,
 * the address check said no; skipped, the endpoint was disabled), how long an attempt took
 * ({@code botfactory_deliveries_attempt_seconds}) and how long a delivered event waited from its
 * event written to its endpoint's 2xx ({@code botfactory_deliveries_lag_seconds}).
 */
final class DeliveryMetrics {

  private final MeterRegistry registry;
  private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
  private final Timer attempt;
  private final Timer lag;

  DeliveryMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.attempt = Timer.builder("botfactory.deliveries.attempt")
      .description("One delivery attempt, from resolving the endpoint's host to the end of its answer")
      .publishPercentiles(0.5, 0.99)
      .register(registry);
    this.lag = Timer.builder("botfactory.deliveries.lag")
      .description("From an event's delivery written (the outbox) to the endpoint's 2xx")
      .publishPercentiles(0.5, 0.99, 0.999)
      .register(registry);
  }

  void outcome(String outcome) {
    outcomes.computeIfAbsent(outcome, o -> Counter.builder("botfactory.deliveries")
      .description("Delivery attempts by outcome: delivered, retried (failed, tried again later), failed (no retry left), "
        + "refused (the address check), skipped (the endpoint disabled)")
      .tag("outcome", o).register(registry)).increment();
  }

  void attempt(long nanos) {
    attempt.record(Duration.ofNanos(nanos));
  }

  void lag(Duration waited) {
    lag.record(waited.isNegative() ? Duration.ZERO : waited);
  }
}

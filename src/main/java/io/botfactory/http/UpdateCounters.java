package io.botfactory.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code botfactory_updates_received_total{result}}: what came of each delivery Telegram made:
 * stored, duplicate (stored before), inactive (the bot is inactive: stored nowhere), unknown_bot,
 * ignored (not an Update this service can use: answered 200, stored nowhere), unavailable (storage did not answer: Telegram delivers it again).
 */
final class UpdateCounters {

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  UpdateCounters(MeterRegistry registry) {
    this.registry = registry;
  }

  void received(String result) {
    counters.computeIfAbsent(result, r -> Counter.builder("botfactory.updates.received")
      .description("Updates Telegram delivered to the webhook route, by what came of them")
      .tag("result", r).register(registry)).increment();
  }
}

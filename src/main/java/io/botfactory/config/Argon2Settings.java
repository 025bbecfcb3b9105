package io.botfactory.config;

import static io.botfactory.config.ConfigKey.ARGON2_ITERATIONS;
import static io.botfactory.config.ConfigKey.ARGON2_MAX_QUEUE;
import static io.botfactory.config.ConfigKey.ARGON2_MEMORY_KIB;
import static io.botfactory.config.ConfigKey.ARGON2_PARALLELISM;
import static io.botfactory.config.ConfigKey.ARGON2_THREADS;

/** Argon2id cost, and the worker pool that runs it: threads (resolved: one per core when 0) and queue cap. */
public record Argon2Settings(int memoryKib, int iterations, int parallelism, int threads, int maxQueue) {

  static Argon2Settings read(ConfigReader r) {
    return new Argon2Settings(
      r.intAtLeast(ARGON2_MEMORY_KIB, 8),
      r.intAtLeast(ARGON2_ITERATIONS, 1),
      r.intAtLeast(ARGON2_PARALLELISM, 1),
      r.countOrCores(ARGON2_THREADS),
      r.intAtLeast(ARGON2_MAX_QUEUE, 1));
  }
}

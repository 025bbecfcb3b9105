package io.botfactory.webhook;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait after a passing failure: doubling from {@value #FIRST_S} s with each attempt,
 * capped ({@code BOTFACTORY_WEBHOOK_RETRY_MAX_S}, 300 s by default), with "equal jitter" (half fixed,
 * half random) so that bots that failed together (Telegram down for everyone) do not all come back
 * in the same second.
 */
final class Backoff {

  static final long FIRST_S = 1;

  private Backoff() {
  }

  /** Seconds to wait after the failure of attempt {@code attempts} (0 for the first), at most {@code capSeconds}. */
  static long seconds(int attempts, long capSeconds) {
    long full = Math.min(capSeconds, FIRST_S << Math.min(attempts, 20));
    long half = Math.max(1, full / 2);
    return half + ThreadLocalRandom.current().nextLong(full - half + 1);
  }
}

package io.botfactory.webhook;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait after a passing failure: doubling from {@value #FIRST_S} s with each attempt,
 * capped at {@value #CAP_S} s, with "equal jitter" (half fixed, half random) so that bots that
 * failed together (Telegram down for everyone) do not all come back in the same second.
 */
final class Backoff {

  static final long FIRST_S = 1;
  static final long CAP_S = 300;

  private Backoff() {
  }

  /** Seconds to wait after the failure of attempt {@code attempts} (0 for the first). */
  static long seconds(int attempts) {
    long full = Math.min(CAP_S, FIRST_S << Math.min(attempts, 20));
    long half = Math.max(1, full / 2);
    return half + ThreadLocalRandom.current().nextLong(full - half + 1);
  }
}

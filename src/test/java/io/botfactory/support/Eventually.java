package io.botfactory.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for something the service does in the background (a webhook set, an update answered). */
public final class Eventually {

  private Eventually() {
  }

  /** Polls {@code value} until {@code done} accepts it; fails with the last value after {@code within}. */
  public static <T> T await(Supplier<T> value, java.util.function.Predicate<T> done, Duration within, String what) {
    long deadline = System.nanoTime() + within.toNanos();
    T last = value.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not " + what + " within " + within + "; last seen: " + last);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      last = value.get();
    }
    return last;
  }
}

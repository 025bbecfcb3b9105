package io.botfactory.auth;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import io.botfactory.config.Argon2Settings;
import io.botfactory.bus.Failure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Argon2id hashing and verification on a named worker pool of fixed size, never on an event
 * loop, its threads at a lower scheduling priority than the event loops. The number of jobs
 * waiting or running is capped: past the cap a login storm is turned away at once (503) instead
 * of queueing without bound and starving memory and latency.
 */
public class PasswordHasher implements AutoCloseable {

  /** Hashing yields a contended core to the event loops (see {@link ThreadPriority}). */
  private static final int HASHING_NICE = 10;

  private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
  private final Argon2Settings settings;
  private final WorkerExecutor workers;
  private final AtomicInteger pending = new AtomicInteger();
  private volatile String dummyHash;

  public PasswordHasher(Vertx vertx, Argon2Settings settings) {
    this.settings = settings;
    // Shared by name, so every auth verticle instance of the process uses the one bounded pool.
    this.workers = vertx.createSharedWorkerExecutor("argon2", settings.threads(), 30, TimeUnit.SECONDS);
  }

  /**
   * Prepares the hash that unknown emails are verified against, so that "no such account" costs
   * the same time as "wrong password" and answers cannot be told apart by timing.
   */
  public Future<Void> start() {
    return run(() -> argon2.hash(settings.iterations(), settings.memoryKib(), settings.parallelism(),
      "no-such-account".toCharArray())).onSuccess(h -> dummyHash = h).mapEmpty();
  }

  public Future<String> hash(String password) {
    return run(() -> {
      char[] chars = password.toCharArray();
      try {
        return argon2.hash(settings.iterations(), settings.memoryKib(), settings.parallelism(), chars);
      } finally {
        argon2.wipeArray(chars);
      }
    });
  }

  /** Verifies {@code password} against {@code hash}, or against the dummy hash when {@code hash} is null. */
  public Future<Boolean> verify(String hash, String password) {
    boolean known = hash != null;
    String target = known ? hash : dummyHash;
    return run(() -> {
      char[] chars = password.toCharArray();
      try {
        return argon2.verify(target, chars) && known;
      } finally {
        argon2.wipeArray(chars);
      }
    });
  }

  private <T> Future<T> run(java.util.concurrent.Callable<T> job) {
    if (pending.incrementAndGet() > settings.maxQueue()) {
      pending.decrementAndGet();
      return Future.failedFuture(Failure.UNAVAILABLE.exception(Failure.UNAVAILABLE_DETAIL));
    }
    return workers.<T>executeBlocking(() -> {
      ThreadPriority.lowerCurrentThread(HASHING_NICE);
      return job.call();
    }, false).andThen(ar -> pending.decrementAndGet());
  }

  @Override
  public void close() {
    workers.close();
  }
}

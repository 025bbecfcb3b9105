package io.botfactory.auth;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import io.botfactory.config.Argon2Settings;
import io.botfactory.bus.Failure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.concurrent.TimeUnit;

/**
 * Argon2id hashing and verification on a named worker pool of fixed size, never on an event
 * loop, its threads at a lower scheduling priority than the event loops. The number of jobs
 * waiting or running in the process is capped ({@link HashingQueue}): past the cap a login
 * storm is turned away at once (503) instead of queueing without bound and starving memory and
 * latency. A job whose caller has stopped waiting by the time a thread takes it up is skipped,
 * not hashed: during a storm the queue drains at once of work nobody will read.
 */
public class PasswordHasher implements AutoCloseable {

  /** Hashing yields a contended core to the event loops (see {@link ThreadPriority}). */
  private static final int HASHING_NICE = 10;
  /** The detail of a skipped job's failure; nobody reads it, the caller has timed out. */
  private static final String CALLER_GONE = "the caller no longer waits";

  private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
  private final Argon2Settings settings;
  private final WorkerExecutor workers;
  private final HashingQueue queue;
  private volatile String dummyHash;

  public PasswordHasher(Vertx vertx, Argon2Settings settings) {
    this.settings = settings;
    // Shared by name, so every auth verticle instance of the process uses the one bounded pool.
    this.workers = vertx.createSharedWorkerExecutor("argon2", settings.threads(), 30, TimeUnit.SECONDS);
    this.queue = HashingQueue.of(vertx, settings.maxQueue());
  }

  /**
   * Prepares the hash that unknown emails are verified against, so that "no such account" costs
   * the same time as "wrong password" and answers cannot be told apart by timing.
   */
  public Future<Void> start() {
    // Outside the queue: every instance of the node does this once at start, before any login.
    return workers.<String>executeBlocking(() -> argon2.hash(settings.iterations(), settings.memoryKib(),
      settings.parallelism(), "no-such-account".toCharArray()), false).onSuccess(h -> dummyHash = h).mapEmpty();
  }

  /** {@code deadline}: the {@link System#nanoTime()} after which the caller no longer waits for the hash. */
  public Future<String> hash(String password, long deadline) {
    return run(() -> {
      char[] chars = password.toCharArray();
      try {
        return argon2.hash(settings.iterations(), settings.memoryKib(), settings.parallelism(), chars);
      } finally {
        argon2.wipeArray(chars);
      }
    }, deadline);
  }

  /** Verifies {@code password} against {@code hash}, or against the dummy hash when {@code hash} is null. */
  public Future<Boolean> verify(String hash, String password, long deadline) {
    boolean known = hash != null;
    String target = known ? hash : dummyHash;
    return run(() -> {
      char[] chars = password.toCharArray();
      try {
        return argon2.verify(target, chars) && known;
      } finally {
        argon2.wipeArray(chars);
      }
    }, deadline);
  }

  private <T> Future<T> run(java.util.concurrent.Callable<T> job, long deadline) {
    if (!queue.tryEnter()) {
      return Future.failedFuture(Failure.UNAVAILABLE.exception(Failure.UNAVAILABLE_DETAIL));
    }
    return workers.<T>executeBlocking(() -> {
      if (System.nanoTime() - deadline > 0) {
        throw Failure.UNAVAILABLE.exception(CALLER_GONE);
      }
      ThreadPriority.lowerCurrentThread(HASHING_NICE);
      return job.call();
    }, false).andThen(ar -> queue.leave());
  }

  @Override
  public void close() {
    workers.close();
  }
}

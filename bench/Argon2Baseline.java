import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * What Argon2id alone achieves on this machine: the ceiling of POST /auth/token, whose every
 * successful login costs one Argon2id verification. Runs with the service's own argon2-jvm
 * (from the jar) at the configured cost, read from the same environment variables with the
 * same defaults as conf/config.json:
 *
 * <pre>
 *   java -Xmx256m -cp target/botfactory.jar bench/Argon2Baseline.java [seconds] [warm-up seconds] [threads]
 * </pre>
 *
 * Threads default to BOTFACTORY_ARGON2_THREADS, or one per core when that is 0 or unset, as in
 * the service. Each thread verifies the right password against one hash in a loop; the count
 * over the measured window (after the warm-up) gives verifications per second. Prints one JSON
 * line.
 */
public final class Argon2Baseline {

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 15;
    double warmup = args.length > 1 ? Double.parseDouble(args[1]) : 5;
    int memoryKib = env("BOTFACTORY_ARGON2_MEMORY_KIB", 19456);
    int iterations = env("BOTFACTORY_ARGON2_ITERATIONS", 2);
    int parallelism = env("BOTFACTORY_ARGON2_PARALLELISM", 1);
    int configuredThreads = env("BOTFACTORY_ARGON2_THREADS", 0);
    int cores = Runtime.getRuntime().availableProcessors();
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : configuredThreads == 0 ? cores : configuredThreads;

    Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
    char[] password = "bench-password-1".toCharArray();
    long t0 = System.nanoTime();
    String hash = argon2.hash(iterations, memoryKib, parallelism, password.clone());
    double hashMs = (System.nanoTime() - t0) / 1e6;

    LongAdder done = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(() -> {
        while (!stop.get()) {
          if (!argon2.verify(hash, password.clone())) {
            throw new IllegalStateException("verification failed");
          }
          done.increment();
        }
      }, "argon2-" + i);
      t.start();
      workers.add(t);
    }
    Thread.sleep((long) (warmup * 1000));
    long startCount = done.sum();
    long start = System.nanoTime();
    Thread.sleep((long) (seconds * 1000));
    long count = done.sum() - startCount;
    double elapsed = (System.nanoTime() - start) / 1e9;
    stop.set(true);
    for (Thread t : workers) {
      t.join();
    }
    System.out.printf(java.util.Locale.ROOT,
      "{\"verifications_per_s\":%.2f,\"verifications\":%d,\"seconds\":%.3f,\"threads\":%d,\"cores\":%d,"
        + "\"memory_kib\":%d,\"iterations\":%d,\"parallelism\":%d,\"first_hash_ms\":%.1f}%n",
      count / elapsed, count, elapsed, threads, cores, memoryKib, iterations, parallelism, hashMs);
  }

  private static int env(String name, int fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
  }
}

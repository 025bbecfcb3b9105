package io.botfactory.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * BotFactory's real entry point ({@code io.botfactory.app.Main}) in a separate JVM, configured
 * only by environment and system properties, as an operator runs it. Output goes to a file the
 * test can read.
 */
public final class NodeProcess implements AutoCloseable {

  private final Process process;
  private final Path log;

  private NodeProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static NodeProcess start(Map<String, String> env, Map<String, String> sysProps) {
    return start("io.botfactory.app.Main", env, sysProps);
  }

  /** Another entry point on the test class path, such as a process playing an attacker. */
  public static NodeProcess start(String mainClass, Map<String, String> env, Map<String, String> sysProps) {
    try {
      Path log = Files.createTempFile("botfactory-node", ".log");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx256m");
      // A test's node lives for seconds: the quick compiler alone starts it on half the CPU that
      // the optimising one spends (measured: a clustered node 6.2 s of CPU, 3.0 s with C1 only),
      // and the machine that runs the suite has two cores. Its behaviour is the same.
      command.add("-XX:TieredStopAtLevel=1");
      sysProps.forEach((k, v) -> command.add("-D" + k + "=" + v));
      command.add("-cp");
      command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
      command.add(mainClass);
      ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
      builder.environment().keySet().removeIf(k -> k.startsWith("BOTFACTORY_") || k.equals("DATABASE_URL"));
      builder.environment().putAll(env);
      return new NodeProcess(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the process to end by itself and returns its exit code. */
  public int exitCode(Duration within) throws InterruptedException {
    if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("process still running; output:\n" + output());
    }
    return process.exitValue();
  }

  /** Waits until {@code GET http://127.0.0.1:port/health/live} answers 200. */
  public void awaitLive(int port, Duration within) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("process ended with " + process.exitValue() + "; output:\n" + output());
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live"))
          .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("not live on port " + port + " in " + within + "; output:\n" + output());
  }

  /** Waits until the node's output contains {@code text}, as a node without HTTP shows it has started. */
  public void awaitOutput(String text, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (output().contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("process ended with " + process.exitValue() + "; output:\n" + output());
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no '" + text + "' in " + within + "; output:\n" + output());
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  public long pid() {
    return process.pid();
  }

  /** SIGTERM without waiting: the node stops while the test goes on. */
  public void signalTerm() {
    process.destroy();
  }

  /** SIGTERM, as a container runtime stops a node; waits for the process to end. */
  public int terminate(Duration within) throws InterruptedException {
    process.destroy();
    return exitCode(within);
  }

  /** SIGKILL: the node dies without any chance to clean up. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

package io.botfactory.support;

import io.botfactory.config.ConfigKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Event-bus certificates made at test time with exactly the openssl commands docs/deploy.md
 * shows (the block after its {@code cluster-certificates} marker), so the documentation is run
 * by every clustered test. {@link #cluster()} is the CA and node certificate of every test
 * cluster; {@link #stranger()} is a CA of its own and a node certificate it signed: what anyone
 * can make, and what the cluster must refuse.
 */
public final class ClusterCertificates {

  private static final String MARKER = "<!-- cluster-certificates";
  private static Bundle cluster;
  private static Bundle stranger;

  private ClusterCertificates() {
  }

  /** The files of one CA and one node certificate it signed. */
  public record Bundle(Path ca, Path cert, Path key) {

    /** The settings of a node that uses these files, by path. */
    public Map<String, String> env() {
      Map<String, String> env = new HashMap<>();
      env.put(ConfigKey.CLUSTER_TLS_CA.key(), ca.toString());
      env.put(ConfigKey.CLUSTER_TLS_CERT.key(), cert.toString());
      env.put(ConfigKey.CLUSTER_TLS_KEY.key(), key.toString());
      return env;
    }

    public static String pem(Path file) {
      try {
        return Files.readString(file, StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public static synchronized Bundle cluster() {
    if (cluster == null) {
      cluster = make("cluster");
    }
    return cluster;
  }

  public static synchronized Bundle stranger() {
    if (stranger == null) {
      stranger = make("stranger");
    }
    return stranger;
  }

  /** The shell commands of docs/deploy.md's certificate block. */
  static String documentedCommands() {
    try {
      String doc = Files.readString(Path.of("docs/deploy.md"), StandardCharsets.UTF_8);
      int marker = doc.indexOf(MARKER);
      int start = doc.indexOf("```sh\n", marker) + "```sh\n".length();
      int end = doc.indexOf("```", start);
      if (marker < 0 || end < 0) {
        throw new AssertionError("docs/deploy.md has no sh block after " + MARKER);
      }
      return doc.substring(start, end);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Bundle make(String name) {
    try {
      Path dir = Files.createTempDirectory("botfactory-tls-" + name);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
      Process openssl = new ProcessBuilder("sh", "-e", "-c", documentedCommands())
        .directory(dir.toFile()).redirectErrorStream(true).start();
      String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
        throw new AssertionError("docs/deploy.md's certificate commands failed:\n" + output);
      }
      return new Bundle(dir.resolve("ca.crt"), dir.resolve("node.crt"), dir.resolve("node.key"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind
    }
  }
}

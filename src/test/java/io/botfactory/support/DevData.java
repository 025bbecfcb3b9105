package io.botfactory.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A dev-mode data directory as a node's first start leaves it: its embedded PostgreSQL created
 * (password authentication) and migrated with every commit on disk, its secrets generated. Made
 * once per test JVM by a real dev-mode start and stop, then copied into the directory of each test
 * that needs one: a test of what a node does with its data (stopped, killed, restarted) need not
 * wait for initdb and the durable migrations of a first start every time. Tests of the first start
 * itself (RestartTest, the generated password) begin from an empty directory.
 */
public final class DevData {

  private static Path template;

  private DevData() {
  }

  /** Fills the empty {@code dataDir} with a copy of the template. */
  public static void seed(Path dataDir) {
    Path from = template();
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path to = dataDir.resolve(from.relativize(file).toString());
        try {
          // With its permissions: PostgreSQL refuses a data directory others may read.
          Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (FileAlreadyExistsException e) {
          if (!Files.isDirectory(to)) {
            throw e;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized Path template() {
    if (template == null) {
      try {
        Path dir = Files.createTempDirectory("botfactory-dev-data");
        TestStack.start(TestStack.devConfig(dir)).stop();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        template = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return template;
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
      for (Path file : all) {
        Files.deleteIfExists(file);
      }
    } catch (IOException ignored) {
      // a temporary directory left behind
    }
  }
}

package io.botfactory.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The house as its imports draw it: each package on a floor, and every import of one of our
 * classes runs down to a lower floor, never up and never sideways between the services (they
 * talk over the event bus). Strict floors also mean no circle. A new package must be given its
 * floor here. And no class grows past 250 lines.
 */
class ArchitectureTest {

  private static final Path MAIN = Path.of("src/main/java");
  private static final String ROOT = "io.botfactory";
  private static final int MAX_LINES = 250;

  /** The floor of each package, the bottom being 0. */
  private static final Map<String, Integer> FLOORS = Map.ofEntries(
    Map.entry("config", 0),
    Map.entry("bus", 1),
    Map.entry("security", 1),
    Map.entry("db", 1),
    Map.entry("telegram", 2),
    Map.entry("service", 2),
    Map.entry("auth", 3),
    Map.entry("bots", 3),
    Map.entry("webhook", 3),
    Map.entry("updates", 3),
    Map.entry("http.openapi", 4),
    Map.entry("cluster", 4),
    Map.entry("http", 5),
    Map.entry("app", 6));

  private static final Pattern PACKAGE = Pattern.compile("^package io\\.botfactory\\.([a-z.]+);", Pattern.MULTILINE);
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.botfactory\\.([a-z.]+)\\.[A-Z]", Pattern.MULTILINE);

  @Test
  void everyImportRunsDownAFloor() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path file : sources()) {
      String text = Files.readString(file);
      Matcher pkg = PACKAGE.matcher(text);
      assertThat(pkg.find()).as(file + " declares a package under " + ROOT).isTrue();
      String from = pkg.group(1);
      assertThat(FLOORS).as("the floor of package " + from + " (" + file + ")").containsKey(from);
      Matcher imports = IMPORT.matcher(text);
      while (imports.find()) {
        String to = imports.group(1);
        assertThat(FLOORS).as("the floor of package " + to + " imported by " + file).containsKey(to);
        if (!to.equals(from) && FLOORS.get(to) >= FLOORS.get(from)) {
          violations.add(file.getFileName() + ": " + from + " (floor " + FLOORS.get(from) + ") imports " + to
            + " (floor " + FLOORS.get(to) + ")");
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  /** The HTTP layer reaches the services over the bus only: it imports none of their classes, nor the database. */
  @Test
  void httpKnowsTheServicesOnlyByTheBus() throws IOException {
    for (Path file : sources()) {
      String text = Files.readString(file);
      if (text.contains("package io.botfactory.http")) {
        assertThat(text).as(file.toString()).doesNotContainPattern("import io\\.botfactory\\.(auth|bots|webhook|updates|service|db)\\.");
      }
    }
  }

  @Test
  void noClassIsOverTheLimit() throws IOException {
    List<String> long_ = new ArrayList<>();
    for (Path file : sources()) {
      long lines = Files.lines(file).count();
      if (lines > MAX_LINES) {
        long_.add(file + ": " + lines + " lines");
      }
    }
    assertThat(long_).isEmpty();
  }

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      List<Path> java = files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
      assertThat(java).isNotEmpty();
      return java;
    }
  }
}

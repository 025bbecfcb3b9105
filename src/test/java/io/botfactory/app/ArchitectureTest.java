package io.botfactory.app;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The house as its classes draw it: each package on a floor, and every use of one of our classes
 * runs down to a lower floor, never up and never sideways, so the services (one floor) never use
 * each other: they talk over the event bus. The HTTP layer does not even reach down to the
 * services' base or the database. A new package must be given its floor here.
 *
 * <p>ArchUnit reads what the compiled classes use (target/classes: every main class, named in
 * an import or not). Javac copies constants into the class that uses them and keeps nothing of a
 * Javadoc link, so the imports of the sources are held to the same rule; and ArchUnit cannot count
 * lines: no class over 250 lines.
 */
class ArchitectureTest {

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
    Map.entry("events", 2),
    Map.entry("auth", 3),
    Map.entry("bots", 3),
    Map.entry("audience", 3),
    Map.entry("webhook", 3),
    Map.entry("inbox", 3),
    Map.entry("engine", 3),
    Map.entry("integration", 3),
    Map.entry("deliveries", 3),
    Map.entry("http.openapi", 4),
    Map.entry("cluster", 4),
    Map.entry("http", 5),
    Map.entry("app", 6));

  /** What the HTTP layer (http and http.openapi) never uses, though they are below it. */
  private static final Set<String> NOT_FROM_HTTP = Set.of("auth", "bots", "audience", "webhook", "inbox", "engine", "integration",
    "deliveries", "service", "events",
    "db");

  private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target/classes"));
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.botfactory\\.([a-z.]+)\\.[A-Z*]", Pattern.MULTILINE);

  @Test
  void everyUseOfOurClassesRunsDownAFloor() {
    classes().should(new ArchCondition<>("use only classes of their own package or of a lower floor") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        String from = packageOf(item.getPackageName());
        if (!FLOORS.containsKey(from)) {
          events.add(SimpleConditionEvent.violated(item, item.getName() + ": package '" + from + "' has no floor"));
          return;
        }
        for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
          String to = dependency.getTargetClass().getBaseComponentType().getPackageName();
          String why = ours(to) ? refusal(from, packageOf(to)) : null;
          if (why != null) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription() + ": " + why));
          }
        }
      }
    }).check(MAIN);
  }

  @Test
  void everyImportRunsDownAFloor() {
    List<String> refused = new ArrayList<>();
    for (Path file : sources()) {
      String text = read(file);
      Matcher pkg = PACKAGE.matcher(text);
      assertThat(pkg.find()).as(file + " declares its package").isTrue();
      Matcher imports = IMPORT.matcher(text);
      while (imports.find()) {
        String why = refusal(packageOf(pkg.group(1)), imports.group(1));
        if (why != null) {
          refused.add(file + ": " + why);
        }
      }
    }
    assertThat(refused).isEmpty();
  }

  /** Implied by the floors; ArchUnit names the circle if the floors are ever changed to allow one. */
  @Test
  void noCircles() {
    slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void noClassIsOverTheLimit() {
    List<String> tooLong = new ArrayList<>();
    for (Path file : sources()) {
      long lines = read(file).lines().count();
      if (lines > MAX_LINES) {
        tooLong.add(file + ": " + lines + " lines");
      }
    }
    assertThat(tooLong).isEmpty();
  }

  /** Why package {@code from} may not use package {@code to} (both below {@link #ROOT}), or null when it may. */
  private static String refusal(String from, String to) {
    if (!FLOORS.containsKey(from) || !FLOORS.containsKey(to)) {
      return "package '" + (FLOORS.containsKey(from) ? to : from) + "' has no floor";
    }
    if ((from.equals("http") || from.startsWith("http.")) && NOT_FROM_HTTP.contains(to)) {
      return from + " uses " + to + ": the HTTP layer reaches the services over the event bus only";
    }
    if (!to.equals(from) && FLOORS.get(to) >= FLOORS.get(from)) {
      return from + " (floor " + FLOORS.get(from) + ") uses " + to + " (floor " + FLOORS.get(to) + ")";
    }
    return null;
  }

  private static boolean ours(String pkg) {
    return pkg.equals(ROOT) || pkg.startsWith(ROOT + ".");
  }

  /** "http.openapi" for io.botfactory.http.openapi; a package outside ours keeps its whole name (and has no floor). */
  private static String packageOf(String pkg) {
    return pkg.startsWith(ROOT + ".") ? pkg.substring(ROOT.length() + 1) : pkg;
  }

  private static List<Path> sources() {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      List<Path> java = files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
      assertThat(java).isNotEmpty();
      return java;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

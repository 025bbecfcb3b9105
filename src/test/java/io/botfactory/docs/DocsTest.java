package io.botfactory.docs;

import io.botfactory.bus.Address;
import io.botfactory.bus.Addresses;
import io.botfactory.bus.BusMessages;
import io.botfactory.config.ConfigKey;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's docs say what the code does: every config key with its default, every bus
 * message, only classes that exist, the CI command, no link outside.
 */
class DocsTest {

  /**
   * Names in backticks that look like a class's but are not ours: the libraries' and products'
   * the docs speak of, and fields of Linux's /proc. Add one here only if it is not ours.
   */
  private static final Set<String> NOT_OURS = Set.of(
    "BotFactory", "PostgreSQL",
    "JWTAuthHandler", "StaticHandler", "ReplyException", "ProxyGen", "ClientAuth", "OAuth2PasswordRequestForm",
    "ChainAuthHandler", "SimpleAuthenticationHandler", "SecureRandom",
    "VmHWM", "VmRSS");

  /** A word that looks like a class name: a capital first, a lower-case letter and another capital later. */
  private static final Pattern CLASS_LIKE = Pattern.compile("(?<![-:\\w])[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*");
  private static final Pattern DECLARED = Pattern.compile("\\b(?:class|record|enum|interface)\\s+([A-Z]\\w*)");
  private static final Pattern QUALIFIED = Pattern.compile("io\\.botfactory(?:\\.\\w+)+");

  private static String read(String path) throws IOException {
    return Files.readString(Path.of(path));
  }

  /** README.md and every page under docs/. */
  private static List<Path> docs() throws IOException {
    try (Stream<Path> files = Stream.concat(Stream.of(Path.of("README.md")), Files.walk(Path.of("docs")))) {
      return files.filter(p -> p.toString().endsWith(".md")).collect(Collectors.toList());
    }
  }

  /** docs/configuration.md has a row for each key of conf/config.json, with its default, and for no other key. */
  @Test
  void configurationDocTablesEveryKeyWithItsDefault() throws IOException {
    JsonObject defaults = new JsonObject(read("conf/config.json"));
    Map<String, String> documented = new TreeMap<>();
    Matcher row = Pattern.compile("(?m)^\\| `([A-Z0-9_]+)` \\| ([^|]+) \\|").matcher(read("docs/configuration.md"));
    while (row.find()) {
      assertThat(documented.put(row.group(1), row.group(2).strip())).as("rows for " + row.group(1)).isNull();
    }
    assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(defaults.fieldNames());
    for (String key : defaults.fieldNames()) {
      String value = String.valueOf(defaults.getValue(key));
      assertThat(documented.get(key)).as("the default of " + key).isEqualTo(value.isEmpty() ? "*(empty)*" : "`" + value + "`");
    }
  }

  @Test
  void committedDefaultsCoverExactlyTheKnownKeys() throws IOException {
    JsonObject defaults = new JsonObject(read("conf/config.json"));
    assertThat(defaults.fieldNames()).containsExactlyInAnyOrderElementsOf(
      Arrays.stream(ConfigKey.values()).map(ConfigKey::key).collect(Collectors.toList()));
  }

  /** Each address has a row in docs/event-bus.md whose request names exactly the keys its message type writes. */
  @Test
  void eventBusDocDescribesEveryMessage() throws IOException, IllegalAccessException {
    String doc = read("docs/event-bus.md");
    List<Address<?>> addresses = BusMessages.addresses();
    assertThat(addresses).isNotEmpty();
    for (Address<?> address : addresses) {
      String row = doc.lines().filter(l -> l.startsWith("| `" + address.name() + "` |")).findFirst().orElse(null);
      assertThat(row).as("a row for " + address.name() + " in docs/event-bus.md").isNotNull();
      String request = row.split("\\|")[2];
      List<String> documented = Pattern.compile("\"([a-z_]+)\"").matcher(request).results()
        .map(m -> m.group(1)).collect(Collectors.toList());
      assertThat(documented).as("request keys of " + address.name())
        .containsExactlyInAnyOrderElementsOf(BusMessages.writtenKeys(address.type()));
    }
    assertThat(doc).contains("`" + Addresses.BOTS_EVENTS + "`");
  }

  /**
   * A class named in backticks, or in a drawing (a code block without a language), is declared
   * in our sources (src/main/java, src/test/java, bench/) or is a library's listed in
   * {@link #NOT_OURS}; a fully qualified name of ours is a package or a class that exists.
   */
  @Test
  void docsNameOnlyClassesThatExist() throws IOException {
    Set<String> ours = new HashSet<>();
    for (String sources : List.of("src/main/java", "src/test/java", "bench")) {
      try (Stream<Path> files = Files.walk(Path.of(sources))) {
        for (Path file : files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
          DECLARED.matcher(Files.readString(file)).results().forEach(m -> ours.add(m.group(1)));
        }
      }
    }
    assertThat(ours).contains("WebhookReconciler", "DocsTest");
    List<String> unknown = new ArrayList<>();
    for (Path doc : docs()) {
      String text = Files.readString(doc);
      for (String code : codeOf(text)) {
        CLASS_LIKE.matcher(code).results().map(MatchResult::group)
          .filter(name -> name.chars().skip(1).anyMatch(Character::isUpperCase))
          .filter(name -> !ours.contains(name) && !NOT_OURS.contains(name))
          .forEach(name -> unknown.add(doc + ": " + name));
      }
      QUALIFIED.matcher(text).results().map(MatchResult::group)
        .filter(name -> Stream.of("src/main/java/", "src/test/java/").map(dir -> dir + name.replace('.', '/'))
          .noneMatch(path -> Files.isDirectory(Path.of(path)) || Files.isRegularFile(Path.of(path + ".java"))))
        .forEach(name -> unknown.add(doc + ": " + name));
    }
    assertThat(unknown).as("class names in the docs that name nothing").isEmpty();
  }

  /** The spans in backticks outside code blocks, and the lines of code blocks without a language (drawings). */
  private static List<String> codeOf(String markdown) {
    StringBuilder prose = new StringBuilder();
    List<String> code = new ArrayList<>();
    String fence = null;
    for (String line : markdown.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("```")) {
        fence = fence == null ? trimmed.substring(3).strip() : null;
      } else if (fence == null) {
        prose.append(line).append('\n');
      } else if (fence.isEmpty()) {
        code.add(line);
      }
    }
    Pattern.compile("`([^`]+)`").matcher(prose).results().forEach(m -> code.add(m.group(1)));
    return code;
  }

  @Test
  void ciRunsTheReadmeTestCommand() throws IOException {
    String readme = read("README.md");
    List<String> ciCommands = read(".ci/run").lines().map(String::strip)
      .filter(l -> l.startsWith("mvn ")).toList();
    assertThat(ciCommands).hasSize(1);
    assertThat(readme).contains("\n" + ciCommands.get(0) + " ");
  }

  /** A user who clones the repository has nothing outside it: every relative link resolves to a file in it. */
  @Test
  void everyLinkStaysInTheRepository() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)");
    for (Path file : docs()) {
      String text = Files.readString(file);
      assertThat(text).as(file.toString()).doesNotContain("../shared");
      Matcher m = link.matcher(text);
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("^[a-z]+:.*")) {
          continue; // http:, https:, mailto:
        }
        Path resolved = file.toAbsolutePath().getParent().resolve(target).normalize();
        assertThat(resolved).as(file + " links to " + target).startsWith(root).exists();
      }
    }
  }
}

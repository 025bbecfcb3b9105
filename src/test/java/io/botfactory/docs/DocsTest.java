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
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The project's docs say what the code does: every config key, every bus message, the CI command, no link outside. */
class DocsTest {

  private static String read(String path) throws IOException {
    return Files.readString(Path.of(path));
  }

  @Test
  void readmeTablesEveryConfigurationKey() throws IOException {
    String readme = read("README.md");
    for (ConfigKey key : ConfigKey.values()) {
      assertThat(readme).as(key.key()).contains("| `" + key.key() + "` |");
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
        .containsExactlyInAnyOrderElementsOf(BusMessages.keys(address.type()));
    }
    assertThat(doc).contains("`" + Addresses.BOTS_EVENTS + "`");
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
    try (Stream<Path> files = Stream.concat(Stream.of(Path.of("README.md")), Files.walk(Path.of("docs")))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".md")).collect(Collectors.toList())) {
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
}

package io.botfactory.docs;

import io.botfactory.app.AppConfig;
import io.botfactory.bus.Addresses;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The project's docs say what the code does: every config key, every bus address, the CI command. */
class DocsTest {

  private static String read(String path) throws IOException {
    return Files.readString(Path.of(path));
  }

  @Test
  void readmeTablesEveryConfigurationKey() throws IOException {
    String readme = read("README.md");
    for (String key : AppConfig.KEYS) {
      assertThat(readme).as(key).contains("| `" + key + "` |");
    }
  }

  @Test
  void committedDefaultsCoverExactlyTheKnownKeys() throws IOException {
    JsonObject defaults = new JsonObject(read("conf/config.json"));
    assertThat(defaults.fieldNames()).containsExactlyInAnyOrderElementsOf(AppConfig.KEYS);
  }

  @Test
  void eventBusDocNamesEveryAddress() throws IOException, IllegalAccessException {
    String doc = read("docs/event-bus.md");
    for (String address : constants(Addresses.class)) {
      assertThat(doc).as(address).contains("`" + address + "`");
    }
  }

  @Test
  void ciRunsTheReadmeTestCommand() throws IOException {
    String readme = read("README.md");
    List<String> ciCommands = read(".ci/run").lines().map(String::strip)
      .filter(l -> l.startsWith("mvn ")).toList();
    assertThat(ciCommands).hasSize(1);
    assertThat(readme).contains("\n" + ciCommands.get(0) + " ");
  }

  private static List<String> constants(Class<?> type) throws IllegalAccessException {
    List<String> values = new ArrayList<>();
    for (Field f : type.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        values.add((String) f.get(null));
      }
    }
    assertThat(values).isNotEmpty();
    return values;
  }
}

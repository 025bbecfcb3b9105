package io.botfactory.bots;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The floor that bench/floor.sh measures with pgbench is the SQL the service sends, so it can
 * never drift from the code: each pgbench script PREPAREs exactly the {@link BotSql} statement
 * of its route (in the same {@code $n} parameter syntax, so only whitespace is normalized) and
 * EXECUTEs it with a value for every parameter. In this package to read the package-private
 * {@link BotSql}.
 */
class BenchSqlTest {

  @Test
  void listFloorPreparesBotSqlList() throws IOException {
    String script = read("bench/pgbench/list.sql");
    assertThat(prepared(script, "bot_list")).isEqualTo(normalize(BotSql.LIST));
    assertThat(executeArguments(script, "bot_list")).hasSize(parameterCount(BotSql.LIST));
  }

  @Test
  void insertFloorPreparesBotSqlInsert() throws IOException {
    String script = read("bench/pgbench/insert.sql");
    assertThat(prepared(script, "bot_insert")).isEqualTo(normalize(BotSql.INSERT));
    assertThat(executeArguments(script, "bot_insert")).hasSize(parameterCount(BotSql.INSERT));
  }

  /** GET /bots/me without a cursor: the service binds the cursor as SQL NULL, the floor too. */
  @Test
  void listFloorReadsAFirstPage() throws IOException {
    List<String> args = executeArguments(read("bench/pgbench/list.sql"), "bot_list");
    assertThat(args.get(1)).isEqualTo("NULL");
  }

  private static String read(String path) throws IOException {
    return Files.readString(Path.of(path));
  }

  /** The statement of {@code PREPARE name AS ...;}, comment lines left out, whitespace normalized. */
  private static String prepared(String script, String name) {
    Matcher m = Pattern.compile("(?is)\\bPREPARE\\s+" + name + "\\s+AS\\s+(.*?);").matcher(withoutComments(script));
    assertThat(m.find()).as("PREPARE " + name + " AS ...; in the script").isTrue();
    return normalize(m.group(1));
  }

  /** The top-level, comma-separated arguments of {@code EXECUTE name(...)}. */
  private static List<String> executeArguments(String script, String name) {
    String text = withoutComments(script);
    Matcher m = Pattern.compile("(?i)\\bEXECUTE\\s+" + name + "\\s*\\(").matcher(text);
    assertThat(m.find()).as("EXECUTE " + name + "(...) in the script").isTrue();
    List<String> args = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    StringBuilder current = new StringBuilder();
    for (int i = m.end(); i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')' && depth-- == 0) {
        args.add(current.toString().strip());
        return args;
      } else if (!quoted && c == ',' && depth == 0) {
        args.add(current.toString().strip());
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    throw new AssertionError("EXECUTE " + name + "( is not closed");
  }

  private static int parameterCount(String sql) {
    Matcher m = Pattern.compile("\\$(\\d+)").matcher(sql);
    int max = 0;
    while (m.find()) {
      max = Math.max(max, Integer.parseInt(m.group(1)));
    }
    return max;
  }

  private static String withoutComments(String script) {
    return script.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + b + "\n");
  }

  /** One space between tokens, none just inside parentheses. */
  private static String normalize(String sql) {
    return sql.strip().replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")");
  }
}

package io.botfactory.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the pgbench scripts of bench/pgbench/, for the tests that keep each floor's statement
 * the service's own ({@code BenchSqlTest} of each store's package): the statement a script
 * PREPAREs and the arguments it EXECUTEs it with.
 */
public final class PgbenchScripts {

  private PgbenchScripts() {
  }

  public static String read(String path) throws IOException {
    return Files.readString(Path.of(path));
  }

  /** The statement of {@code PREPARE name AS ...;}, comment lines left out, whitespace normalized. */
  public static String prepared(String script, String name) {
    Matcher m = Pattern.compile("(?is)\\bPREPARE\\s+" + name + "\\s+AS\\s+(.*?);").matcher(withoutComments(script));
    assertThat(m.find()).as("PREPARE " + name + " AS ...; in the script").isTrue();
    return normalize(m.group(1));
  }

  /** The top-level, comma-separated arguments of {@code EXECUTE name(...)}. */
  public static List<String> executeArguments(String script, String name) {
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

  /** The highest {@code $n} of a statement. */
  public static int parameterCount(String sql) {
    Matcher m = Pattern.compile("\\$(\\d+)").matcher(sql);
    int max = 0;
    while (m.find()) {
      max = Math.max(max, Integer.parseInt(m.group(1)));
    }
    return max;
  }

  /** One space between tokens, none just inside parentheses. */
  public static String normalize(String sql) {
    return sql.strip().replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")");
  }

  private static String withoutComments(String script) {
    return script.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + b + "\n");
  }
}

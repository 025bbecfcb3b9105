package io.botfactory.bots;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static io.botfactory.support.PgbenchScripts.executeArguments;
import static io.botfactory.support.PgbenchScripts.normalize;
import static io.botfactory.support.PgbenchScripts.parameterCount;
import static io.botfactory.support.PgbenchScripts.prepared;
import static io.botfactory.support.PgbenchScripts.read;
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
}

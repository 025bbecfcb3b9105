package io.botfactory.engine;

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
 * The floor of broadcasting (bench/pgbench/broadcast.sql, the broadcast scenarios of
 * bench/run.sh) runs the two statements a recipient costs the engine, {@link BroadcastSql#MARK}
 * and {@link BroadcastSql#RECORD}, exactly: the script PREPAREs them in the same {@code $n}
 * syntax (only whitespace normalized) and EXECUTEs each with a value for every parameter. When
 * either changes, this test says so, and the script must follow. In this package to read the
 * package-private {@link BroadcastSql}.
 */
class BenchSqlTest {

  private static final String SCRIPT = "bench/pgbench/broadcast.sql";

  @Test
  void broadcastFloorPreparesTheMarkAndTheRecordOfTheEngine() throws IOException {
    String script = read(SCRIPT);
    assertThat(prepared(script, "broadcast_mark")).isEqualTo(normalize(BroadcastSql.MARK));
    assertThat(prepared(script, "broadcast_record")).isEqualTo(normalize(BroadcastSql.RECORD));
    assertThat(executeArguments(script, "broadcast_mark")).hasSize(parameterCount(BroadcastSql.MARK));
    assertThat(executeArguments(script, "broadcast_record")).hasSize(parameterCount(BroadcastSql.RECORD));
  }

  /** A batch as the engine sends one: the node, one broadcast, consecutive chats, the hold's epoch; outcomes "sent". */
  @Test
  void broadcastFloorMarksABatchAndRecordsItsOutcomesAsSent() throws IOException {
    String script = read(SCRIPT);
    List<String> mark = executeArguments(script, "broadcast_mark");
    assertThat(mark).containsExactly("':node'", "array_fill(':bid'::uuid, ARRAY[:mark_batch])",
      "pg_temp.bench_chats(:first, :mark_batch)", "array_fill(:epoch::bigint, ARRAY[:mark_batch])");
    List<String> record = executeArguments(script, "broadcast_record");
    assertThat(record).containsExactly("array_fill(':bid'::uuid, ARRAY[:rcount])", "pg_temp.bench_chats(:rfirst, :rcount)",
      "array_fill(:epoch::bigint, ARRAY[:rcount])", "array_fill('sent'::text, ARRAY[:rcount])",
      "array_fill(NULL::text, ARRAY[:rcount])");
    // The engine's outcomes pool commits without waiting for the disk; its marks pool waits.
    assertThat(script).contains("BEGIN \\; SET LOCAL synchronous_commit = off \\; EXECUTE broadcast_record(");
  }
}

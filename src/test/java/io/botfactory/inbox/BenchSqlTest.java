package io.botfactory.inbox;

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
 * The floor of the update ingress (bench/pgbench/inbox.sql, scenario 4 of bench/run.sh) runs the
 * statement that stores updates, {@link InboxSql#STORE}, exactly: the script PREPAREs it in
 * the same {@code $n} syntax (only whitespace normalized) and EXECUTEs it with a value for every
 * parameter. When the store changes (another statement), this test says so, and the
 * script must follow. In this package to read the package-private {@link InboxSql}.
 */
class BenchSqlTest {

  @Test
  void inboxFloorPreparesInboxSqlStore() throws IOException {
    String script = read("bench/pgbench/inbox.sql");
    assertThat(prepared(script, "inbox_store")).isEqualTo(normalize(InboxSql.STORE));
    assertThat(executeArguments(script, "inbox_store")).hasSize(parameterCount(InboxSql.STORE));
  }

  /** A realistic update: an existing bot, a new update_id, a chat, a message, the update's JSON. */
  @Test
  void inboxFloorStoresAMessageWithItsPayload() throws IOException {
    List<String> args = executeArguments(read("bench/pgbench/inbox.sql"), "inbox_store");
    assertThat(args).containsExactly("ARRAY[':bot']::uuid[]", "ARRAY[:update_id]::bigint[]", "ARRAY[:chat]::bigint[]",
      "ARRAY['message']", "ARRAY[':payload']", "ARRAY['{\"update_id\":1,\"kind\":\"message\",\"chat_type\":\"private\",\"text\":true}']");
  }
}

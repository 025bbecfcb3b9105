package io.botfactory.engine;

import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.Sql;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Handled updates are kept for the retention (24 h by default), long enough to recognise redeliveries, then purged. */
@ExtendWith(VertxExtension.class)
class InboxRetentionTest {

  @Test
  void handledUpdatesPastTheRetentionArePurgedAndNothingElse(Vertx vertx) {
    Api api = new Api(vertx, TestStack.shared().port);
    Api.Account owner = api.newAccount();
    UUID bot = UUID.fromString(api.createBot(owner, "purged").getString("id"));
    try (Sql sql = new Sql(vertx)) {
      String insert = "INSERT INTO updates (bot_id, update_id, chat_id, kind, payload, received_at, handled_at, reply) "
        + "VALUES ($1, $2, 1, 'message', '{}', clock_timestamp() - make_interval(hours => $3), "
        + "clock_timestamp() - make_interval(hours => $3), $4)";
      sql.query(insert, bot, 1L, 25, "sent");
      sql.query(insert, bot, 2L, 23, "sent");
      sql.query("INSERT INTO updates (bot_id, update_id, chat_id, kind, payload, received_at) "
        + "VALUES ($1, 3, 1, 'message', '{}', clock_timestamp() - interval '30 hours')", bot);
      // A worker of the shared node's deployment: its public URL is that node's, as all of a deployment's
      // workers share one, so that it does not make every bot of the shared database due again.
      TestStack worker = TestStack.start(TestStack.config(io.botfactory.support.TestDatabase.url())
        .put(io.botfactory.config.ConfigKey.ROLES.key(), "webhook")
        .put(io.botfactory.config.ConfigKey.PUBLIC_URL.key(), "http://127.0.0.1:" + TestStack.shared().port));
      try {
        Eventually.await(() -> sql.query("SELECT 1 FROM updates WHERE bot_id = $1 AND update_id = 1", bot).size(),
          n -> n == 0, Duration.ofSeconds(15), "the day-old handled update purged");
        assertThat(sql.query("SELECT update_id FROM updates WHERE bot_id = $1 ORDER BY update_id", bot).size())
          .as("a younger handled update and an unhandled old one stay").isEqualTo(2);
      } finally {
        worker.stop();
      }
    }
  }
}

package io.botfactory.deliveries;

import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.Sql;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The integration's retention, on rows aged by SQL: a webhook node's first sweep (a second after
 * it starts) deletes idempotency keys past 24 hours, events past the retention (30 days by
 * default) with their finished deliveries, more than one batch of them, and final messages past
 * it; an event with a delivery still pending, a younger event, a younger key and a message still
 * being sent all stay.
 */
@ExtendWith(VertxExtension.class)
class RetentionTest {

  private static final int MANY = RetentionSweeper.BATCH * 2 + 500;

  @Test
  void whatIsPastTheRetentionIsPurgedInBatchesAndWhatIsStillNeededStays(Vertx vertx) {
    Api api = new Api(vertx, TestStack.shared().port);
    Api.Account owner = api.newAccount();
    UUID bot = UUID.fromString(api.createBot(owner, "retention").getString("id"));
    UUID first = endpoint(api, owner, bot);
    UUID second = endpoint(api, owner, bot);
    try (Sql sql = new Sql(vertx)) {
      UUID delivered = event(sql, bot, 31);
      delivery(sql, delivered, first, "delivered", 0);
      UUID failed = event(sql, bot, 31);
      delivery(sql, failed, first, "failed", 0);
      delivery(sql, failed, second, "delivered", 0);
      UUID orphan = event(sql, bot, 40); // its endpoint deleted, its deliveries with it
      UUID retrying = event(sql, bot, 31);
      UUID stillPending = delivery(sql, retrying, first, "pending", 10);
      delivery(sql, retrying, second, "delivered", 0);
      UUID young = event(sql, bot, 29);
      UUID youngDelivery = delivery(sql, young, first, "delivered", 0);
      sql.query("WITH e AS (INSERT INTO events (id, bot_id, type, body, created_at) SELECT gen_random_uuid(), $1, "
        + "'message.received', '{}', clock_timestamp() - interval '35 days' FROM generate_series(1, $3) RETURNING id) "
        + "INSERT INTO deliveries (id, event_id, endpoint_id, status, created_at) "
        + "SELECT gen_random_uuid(), e.id, $2, 'delivered', clock_timestamp() - interval '35 days' FROM e", bot, first, MANY);

      UUID oldSent = message(sql, bot, "sent", "31 days");
      UUID oldUncertain = message(sql, bot, "uncertain", "31 days");
      UUID oldSending = message(sql, bot, "sending", "31 days");
      UUID youngFailed = message(sql, bot, "failed", "29 days");
      UUID keyed = message(sql, bot, "sent", "25 hours");
      UUID fresh = message(sql, bot, "sent", "23 hours");
      key(sql, bot, "expired", keyed, "25 hours");
      key(sql, bot, "live", fresh, "23 hours");

      TestStack node = TestStack.start(TestStack.config(TestDatabase.url()).put(ConfigKey.ROLES.key(), "webhook"));
      try {
        Eventually.await(() -> count(sql, "SELECT count(*) FROM events WHERE bot_id = $1", bot), n -> n == 2,
          Duration.ofSeconds(20), "the events past the retention purged");
        assertThat(ids(sql, "SELECT id FROM events WHERE bot_id = $1", bot)).as("a pending delivery keeps its event")
          .containsExactlyInAnyOrder(retrying, young);
        assertThat(ids(sql, "SELECT d.id FROM deliveries d JOIN events e ON e.id = d.event_id WHERE e.bot_id = $1", bot))
          .as("the pending delivery and the younger event's stay, the finished ones past the retention go")
          .containsExactlyInAnyOrder(stillPending, youngDelivery);
        assertThat(ids(sql, "SELECT id FROM events WHERE id = ANY($1)", (Object) new UUID[] {delivered, failed, orphan}))
          .isEmpty();

        Eventually.await(() -> ids(sql, "SELECT id FROM messages WHERE bot_id = $1", bot), m -> m.size() == 4,
          Duration.ofSeconds(20), "the final messages past the retention purged");
        assertThat(ids(sql, "SELECT id FROM messages WHERE bot_id = $1", bot))
          .as("one still being sent, and the younger ones, stay; old sent and uncertain ones go")
          .containsExactlyInAnyOrder(oldSending, youngFailed, keyed, fresh)
          .doesNotContain(oldSent, oldUncertain);
        assertThat(sql.query("SELECT key FROM message_keys WHERE bot_id = $1", bot).iterator().next().getString(0))
          .as("only the key used within 24 hours stays").isEqualTo("live");
        assertThat(count(sql, "SELECT count(*) FROM message_keys WHERE bot_id = $1", bot)).isEqualTo(1);
      } finally {
        node.stop();
      }
    }
  }

  private static UUID endpoint(Api api, Api.Account owner, UUID bot) {
    HttpResponse<Buffer> created = api.post("/bots/" + bot + "/endpoints", new JsonObject()
      .put("url", "https://receiver.example/hook").put("events", new JsonArray().add("message.received")), owner.token());
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return UUID.fromString(created.bodyAsJsonObject().getString("id"));
  }

  private static UUID event(Sql sql, UUID bot, int ageDays) {
    UUID id = UUID.randomUUID();
    sql.query("INSERT INTO events (id, bot_id, type, body, created_at) VALUES ($1, $2, 'message.received', '{}', "
      + "clock_timestamp() - make_interval(days => $3))", id, bot, ageDays);
    return id;
  }

  /** A delivery as old as its event; a pending one retrying {@code nextInHours} from now (no worker takes it meanwhile). */
  private static UUID delivery(Sql sql, UUID event, UUID endpoint, String status, int nextInHours) {
    UUID id = UUID.randomUUID();
    sql.query("INSERT INTO deliveries (id, event_id, endpoint_id, status, attempts, created_at, next_attempt_at) "
      + "SELECT $1, $2, $3, $4, 1, e.created_at, clock_timestamp() + make_interval(hours => $5) FROM events e WHERE e.id = $2",
      id, event, endpoint, status, nextInHours);
    return id;
  }

  private static UUID message(Sql sql, UUID bot, String status, String age) {
    UUID id = UUID.randomUUID();
    sql.query("INSERT INTO messages (id, bot_id, chat_id, text, status, created_at) "
      + "VALUES ($1, $2, 1, 'hello', $3, clock_timestamp() - $4::text::interval)", id, bot, status, age);
    return id;
  }

  private static void key(Sql sql, UUID bot, String key, UUID message, String age) {
    sql.query("INSERT INTO message_keys (bot_id, key, message_id, request_hash, created_at) "
      + "VALUES ($1, $2, $3, '\\x00'::bytea, clock_timestamp() - $4::text::interval)", bot, key, message, age);
  }

  private static long count(Sql sql, String query, Object... params) {
    return sql.query(query, params).iterator().next().getLong(0);
  }

  private static List<UUID> ids(Sql sql, String query, Object... params) {
    List<UUID> ids = new ArrayList<>();
    for (Row row : sql.query(query, params)) {
      ids.add(row.getUUID(0));
    }
    return ids;
  }
}

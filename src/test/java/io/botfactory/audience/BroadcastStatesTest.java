package io.botfactory.audience;

import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.Sql;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pause, resume and cancel: each applies to some statuses only (else 409 and nothing changes);
 * a cancel ends the pending recipients and counts them at once, leaves a send in flight to the
 * engine, and waits for an engine that is fixing the recipients at that moment.
 */
@ExtendWith(VertxExtension.class)
class BroadcastStatesTest {

  private Api api;
  private AudienceFixture bot;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestStack.shared().port);
    bot = new AudienceFixture(api);
    try (Sql sql = new Sql(vertx)) {
      bot.subscriber(sql, 1, "vip");
    }
  }

  @Test
  void aScheduledBroadcastCanOnlyBeCancelled() {
    String id = bot.scheduled("soon");
    assertConflict(steer(id, "pause"), "Only a running broadcast can be paused");
    assertConflict(steer(id, "resume"), "Only a paused broadcast can be resumed");
    HttpResponse<Buffer> cancelled = steer(id, "cancel");
    assertThat(cancelled.statusCode()).isEqualTo(200);
    JsonObject broadcast = cancelled.bodyAsJsonObject();
    assertThat(broadcast.getString("status")).isEqualTo("cancelled");
    assertThat(broadcast.getString("finished_at")).isNotNull();
    assertThat(broadcast.getJsonObject("counts").getValue("recipients")).isNull();
    assertConflict(steer(id, "cancel"), "Only a scheduled, running or paused broadcast can be cancelled");
    assertThat(api.get(bot.path("/broadcasts/" + id), bot.token()).bodyAsJsonObject()).isEqualTo(broadcast);
  }

  @Test
  void aRunningBroadcastPausesResumesAndIsCancelledWithItsPendingRecipients(Vertx vertx) {
    String id = bot.scheduled("now");
    try (Sql sql = new Sql(vertx)) {
      bot.running(sql, id, 11, 12, 13, 14);
      // The engine's work so far: one sent, one on its way to Telegram.
      sql.query("UPDATE broadcast_recipients SET status = 'sent', sent_at = now() WHERE broadcast_id = $1 AND chat_id = 11",
        UUID.fromString(id));
      sql.query("UPDATE broadcast_recipients SET status = 'sending' WHERE broadcast_id = $1 AND chat_id = 12",
        UUID.fromString(id));
      sql.query("UPDATE broadcasts SET pending = 3, sent = 1 WHERE id = $1", UUID.fromString(id));
    }
    assertConflict(steer(id, "resume"), "Only a paused broadcast can be resumed");
    assertThat(steer(id, "pause").bodyAsJsonObject().getString("status")).isEqualTo("paused");
    assertConflict(steer(id, "pause"), "Only a running broadcast can be paused");
    assertThat(steer(id, "resume").bodyAsJsonObject().getString("status")).isEqualTo("running");
    JsonObject cancelled = steer(id, "cancel").bodyAsJsonObject();
    assertThat(cancelled.getString("status")).isEqualTo("cancelled");
    assertThat(cancelled.getJsonObject("counts")).isEqualTo(new JsonObject().put("recipients", 4).put("pending", 1)
      .put("sent", 1).put("blocked", 0).put("failed", 0).put("uncertain", 0).put("cancelled", 2));
    try (Sql sql = new Sql(vertx)) {
      assertThat(sql.query("SELECT chat_id, status FROM broadcast_recipients WHERE broadcast_id = $1 ORDER BY chat_id",
        UUID.fromString(id)).value().stream().map(r -> r.getLong(0) + ":" + r.getString(1)).toList())
        .containsExactly("11:sent", "12:sending", "13:cancelled", "14:cancelled");
    }
    assertConflict(steer(id, "resume"), "Only a paused broadcast can be resumed");
  }

  @Test
  void aDoneBroadcastTakesNoTransition(Vertx vertx) {
    String id = bot.scheduled("done");
    try (Sql sql = new Sql(vertx)) {
      sql.query("UPDATE broadcasts SET status = 'done', finished_at = now() WHERE id = $1", UUID.fromString(id));
    }
    for (String action : new String[]{"pause", "resume", "cancel"}) {
      assertThat(steer(id, action).statusCode()).as(action).isEqualTo(409);
    }
    HttpResponse<Buffer> unknown = steer(UUID.randomUUID().toString(), "cancel");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsJsonObject().getString("detail")).isEqualTo("Broadcast not found");
  }

  /**
   * The engine starts the broadcast (running, its recipients fixed) in a transaction that has not
   * committed yet when the cancel arrives: the cancel waits for it, then cancels every recipient
   * the start fixed. Read in one statement from before the start committed, it would see none.
   */
  @Test
  void aCancelDuringTheEnginesStartCancelsTheRecipientsItFixed(Vertx vertx) {
    String id = bot.scheduled("racing");
    UUID broadcast = UUID.fromString(id);
    PgConnection engine = PgConnection.connect(vertx, PgConnectOptions.fromUri(TestDatabase.url())).await();
    try (Sql sql = new Sql(vertx)) {
      Transaction start = engine.begin().await();
      engine.preparedQuery("UPDATE broadcasts SET status = 'running', started_at = now(), recipients = 3, pending = 3, "
        + "paused_until = now() + interval '1 day' WHERE id = $1").execute(Tuple.of(broadcast)).await();
      engine.preparedQuery("INSERT INTO broadcast_recipients (broadcast_id, chat_id) SELECT $1, unnest('{21,22,23}'::bigint[])")
        .execute(Tuple.of(broadcast)).await();
      Future<HttpResponse<Buffer>> cancel = api.request(HttpMethod.POST, bot.path("/broadcasts/" + id + "/cancel"),
        bot.token()).send();
      Eventually.await(() -> sql.query("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
          + "WHERE NOT l.granted AND a.query LIKE '%FOR UPDATE OF br%'").iterator().next().getLong(0),
        waiting -> waiting > 0, Duration.ofSeconds(10), "the cancel waiting for the start");
      start.commit().await();
      HttpResponse<Buffer> cancelled = cancel.await();
      assertThat(cancelled.statusCode()).as(cancelled.bodyAsString()).isEqualTo(200);
      assertThat(cancelled.bodyAsJsonObject().getJsonObject("counts").getInteger("cancelled")).isEqualTo(3);
      assertThat(cancelled.bodyAsJsonObject().getJsonObject("counts").getInteger("pending")).isZero();
      assertThat(sql.query("SELECT count(*) FROM broadcast_recipients WHERE broadcast_id = $1 AND status = 'cancelled'",
        broadcast).iterator().next().getLong(0)).isEqualTo(3);
    } finally {
      engine.close().await();
    }
  }

  private HttpResponse<Buffer> steer(String broadcastId, String action) {
    return api.post(bot.path("/broadcasts/" + broadcastId + "/" + action), new JsonObject(), bot.token());
  }

  private static void assertConflict(HttpResponse<Buffer> r, String detail) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(409);
    assertThat(r.bodyAsJsonObject().getString("detail")).isEqualTo(detail);
  }
}

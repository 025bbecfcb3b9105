package io.botfactory.engine;

import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.OwnNode;
import io.botfactory.support.Sql;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.Updates;
import io.botfactory.telegram.DoubleCall;
import io.botfactory.telegram.TelegramDouble;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bot deleted or deactivated sends nothing once its DELETE or PATCH has answered, though
 * replies to it were queued (here ten, for one chat, at one a second): the change waits for the
 * node holding the bot to confirm that nothing decided before it can still be sent, or, when that
 * node does not answer, for its lease to run out (it stops sending on its own by then).
 */
@ExtendWith(VertxExtension.class)
class StoppedBotTest {

  private static final Duration WITHIN = Duration.ofSeconds(30);
  /** On a database of its own, where this node alone holds the bots (the shared node would take them too). */
  @RegisterExtension
  static final OwnNode node = OwnNode.with(config -> config.put(ConfigKey.UPDATE_LEASE_S.key(), 3)).freshDatabase("stopped");
  private final TelegramDouble telegram = TelegramDoubles.shared();

  @Test
  void aDeactivatedBotSendsNothingOnceThePatchHasAnswered(Vertx vertx) throws InterruptedException {
    Api api = node.api(vertx);
    Api.Account owner = api.newAccount();
    Queued bot = queueTenReplies(api, owner);
    HttpResponse<Buffer> patched = api.patch("/bots/" + bot.id, new JsonObject().put("is_active", false), owner.token());
    Instant answered = Instant.now();
    assertThat(patched.statusCode()).isEqualTo(200);
    assertNothingSentAfter(bot, answered);
  }

  @Test
  void aDeletedBotSendsNothingOnceTheDeleteHasAnswered(Vertx vertx) throws InterruptedException {
    Api api = node.api(vertx);
    Api.Account owner = api.newAccount();
    Queued bot = queueTenReplies(api, owner);
    HttpResponse<Buffer> deleted = api.delete("/bots/" + bot.id, owner.token());
    Instant answered = Instant.now();
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertNothingSentAfter(bot, answered);
  }

  /** The holder named in the database does not answer (a node cut off): the PATCH waits out its lease, then answers. */
  @Test
  void aChangeWhoseHolderDoesNotAnswerWaitsForItsLeaseToRunOut(Vertx vertx) {
    Api api = node.api(vertx);
    Api.Account owner = api.newAccount();
    String botId = api.createBot(owner, "held by a ghost").getString("id");
    try (Sql sql = node.sql(vertx)) {
      sql.query("INSERT INTO engine_nodes (node_id, lease_until) VALUES ('ghost-node', clock_timestamp() + interval '2 seconds') "
        + "ON CONFLICT (node_id) DO UPDATE SET lease_until = EXCLUDED.lease_until");
      sql.query("INSERT INTO bot_workers (bot_id, node_id, epoch) VALUES ($1, 'ghost-node', 1) "
        + "ON CONFLICT (bot_id) DO UPDATE SET node_id = 'ghost-node'", UUID.fromString(botId));
      Instant lapses = sql.query("SELECT lease_until FROM engine_nodes WHERE node_id = 'ghost-node'").iterator().next()
        .getOffsetDateTime("lease_until").toInstant();
      HttpResponse<Buffer> patched = api.patch("/bots/" + botId, new JsonObject().put("is_active", false), owner.token());
      assertThat(patched.statusCode()).isEqualTo(200);
      assertThat(Instant.now()).as("answered once the holder's lease ran out").isAfterOrEqualTo(lapses);
      assertThat(patched.bodyAsJsonObject().getBoolean("is_active")).isFalse();
    }
  }

  private record Queued(String id, long telegramId, long chat) {
  }

  /** A bot answering every message, with ten messages of one chat delivered: the first reply out, nine queued. */
  private Queued queueTenReplies(Api api, Api.Account owner) {
    JsonObject bot = Updates.answeringBot(api, owner, "stopped", "ok");
    String botId = bot.getString("id");
    long telegramId = bot.getLong("telegram_bot_id");
    long chat = Updates.nextId();
    for (int i = 0; i < 10; i++) {
      Updates.deliver(api, botId, Updates.text(chat, "message " + i));
    }
    Eventually.await(() -> telegram.sent(telegramId, chat), sent -> !sent.isEmpty(), WITHIN, "the first reply");
    return new Queued(botId, telegramId, chat);
  }

  private void assertNothingSentAfter(Queued bot, Instant answered) throws InterruptedException {
    Thread.sleep(3000); // three more replies would have gone out by now
    assertThat(telegram.calls(bot.telegramId, "sendMessage").stream().map(DoubleCall::receivedAt)
      .filter(at -> at.isAfter(answered))).as("sendMessage after the change answered").isEmpty();
    assertThat(telegram.sent(bot.telegramId, bot.chat)).as("the queued replies were not all sent").hasSizeLessThan(10);
  }
}

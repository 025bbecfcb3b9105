package io.botfactory.engine;

import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.OwnNode;
import io.botfactory.support.Sql;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.Updates;
import io.botfactory.telegram.DoubleCall;
import io.botfactory.telegram.DoubleFault;
import io.botfactory.telegram.FaultRule;
import io.botfactory.telegram.TelegramDouble;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 429 holds back only what Telegram limited: the chat it was sent to, not the bot's other
 * chats (one spammer in a group must not stall the bot's replies everywhere). And retries end:
 * a reply Telegram does not take before the give-up time (here four seconds) is recorded as
 * dropped, with Telegram's last reason, so the update is handled and purged in time.
 */
@ExtendWith(VertxExtension.class)
class ReplyLimitsTest {

  private static final Duration WITHIN = Duration.ofSeconds(30);
  /** On a database of its own, where this node alone holds the bots (the shared node would take them too). */
  @RegisterExtension
  static final OwnNode node = OwnNode.with(config -> config.put(ConfigKey.REPLY_GIVE_UP_S.key(), 4)).freshDatabase("reply_limits");
  private final TelegramDouble telegram = TelegramDoubles.shared();

  @Test
  void aChatsRetryAfterHoldsBackThatChatOnly(Vertx vertx) {
    Api api = node.api(vertx);
    JsonObject bot = Updates.answeringBot(api, api.newAccount(), "limited", "ok");
    long telegramId = bot.getLong("telegram_bot_id");
    long limited = Updates.nextId();
    long other = Updates.nextId();
    telegram.when("sendMessage").forBot(telegramId).forChat(limited).times(1).then(DoubleFault.retryAfter(3));
    Instant start = Instant.now();
    Updates.deliver(api, bot.getString("id"), Updates.text(limited, "first"));
    telegram.awaitCalls(c -> c.botId() == telegramId && c.method().equals("sendMessage"), 1, WITHIN);
    Updates.deliver(api, bot.getString("id"), Updates.text(other, "second"));
    DoubleCall toOther = Eventually.await(() -> telegram.calls(telegramId, "sendMessage").stream()
      .filter(c -> c.body().getLong("chat_id") == other).findFirst(), java.util.Optional::isPresent, WITHIN,
      "the other chat's reply").get();
    assertThat(Duration.between(start, toOther.receivedAt())).as("the other chat does not wait for the 429")
      .isLessThan(Duration.ofMillis(2500));
    Eventually.await(() -> telegram.sent(telegramId, limited), s -> s.size() == 1, WITHIN, "the limited chat's reply");
    DoubleCall again = telegram.calls(telegramId, "sendMessage").stream()
      .filter(c -> c.body().getLong("chat_id") == limited && c.status() == 200).findFirst().orElseThrow();
    assertThat(Duration.between(start, again.receivedAt())).as("the limited chat waits retry_after")
      .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aReplyTelegramNeverTakesEndsAsDroppedAtTheGiveUpTime(Vertx vertx) {
    Api api = node.api(vertx);
    JsonObject bot = Updates.answeringBot(api, api.newAccount(), "dropped", "ok");
    long telegramId = bot.getLong("telegram_bot_id");
    long chat = Updates.nextId();
    FaultRule down = telegram.when("sendMessage").forBot(telegramId).then(DoubleFault.internalError());
    try (Sql sql = node.sql(vertx)) {
      JsonObject update = Updates.text(chat, "anyone there?");
      Updates.deliver(api, bot.getString("id"), update);
      Row row = Eventually.await(() -> sql.query("SELECT reply, reply_error, handled_at FROM updates WHERE bot_id = $1 "
          + "AND update_id = $2", UUID.fromString(bot.getString("id")), update.getLong("update_id")).iterator().next(),
        r -> r.getValue("handled_at") != null, WITHIN, "the update handled");
      assertThat(row.getString("reply")).isEqualTo("dropped");
      assertThat(row.getString("reply_error")).contains("500");
      assertThat(down.hits()).as("tried more than once").isGreaterThan(1);
    } finally {
      down.clear();
    }
  }
}

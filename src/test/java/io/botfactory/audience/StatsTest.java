package io.botfactory.audience;

import io.botfactory.support.Api;
import io.botfactory.support.Locs;
import io.botfactory.support.Sql;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /bots/{id}/stats}: one row per UTC day, quiet days included, and the subscribers by status, source and tag. */
@ExtendWith(VertxExtension.class)
class StatsTest {

  private Api api;
  private AudienceFixture bot;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestStack.shared().port);
    bot = new AudienceFixture(api);
  }

  @Test
  void everyDayOfTheWindowOldestFirstQuietDaysAsZeros(Vertx vertx) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    try (Sql sql = new Sql(vertx)) {
      sql.query("INSERT INTO bot_daily_stats (bot_id, day, updates, replies, messages_sent, new_subscribers, blocked, "
          + "unsubscribed) VALUES ($1, $2, 10, 8, 9, 3, 1, 2), ($1, $3, 4, 4, 4, 0, 0, 0), ($1, $4, 99, 99, 99, 99, 99, 99)",
        UUID.fromString(bot.botId), today.minusDays(2), today, today.minusDays(7));
    }
    HttpResponse<Buffer> r = api.get(bot.path("/stats?days=7"), bot.token());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonArray days = r.bodyAsJsonObject().getJsonArray("days");
    assertThat(days).hasSize(7);
    for (int i = 0; i < 7; i++) {
      assertThat(days.getJsonObject(i).getString("date")).isEqualTo(today.minusDays(6 - i).toString());
    }
    assertThat(days.getJsonObject(4)).isEqualTo(new JsonObject().put("date", today.minusDays(2).toString()).put("updates", 10)
      .put("replies", 8).put("messages_sent", 9).put("new_subscribers", 3).put("blocked", 1).put("unsubscribed", 2));
    assertThat(days.getJsonObject(5)).isEqualTo(new JsonObject().put("date", today.minusDays(1).toString()).put("updates", 0)
      .put("replies", 0).put("messages_sent", 0).put("new_subscribers", 0).put("blocked", 0).put("unsubscribed", 0));
    assertThat(days.getJsonObject(6).getInteger("updates")).isEqualTo(4);
    assertThat(api.get(bot.path("/stats"), bot.token()).bodyAsJsonObject().getJsonArray("days")).as("30 by default").hasSize(30);
    assertThat(api.get(bot.path("/stats?days=365"), bot.token()).bodyAsJsonObject().getJsonArray("days")).hasSize(365);
  }

  @Test
  void totalsBySourceAndByTag(Vertx vertx) {
    try (Sql sql = new Sql(vertx)) {
      bot.subscriber(sql, 1, "A", "promo", new String[]{"vip", "early"}, "active", 1);
      bot.subscriber(sql, 2, "B", "promo", new String[]{"vip"}, "blocked", 2);
      bot.subscriber(sql, 3, "C", "ads", new String[]{}, "unsubscribed", 3);
      bot.subscriber(sql, 4, "D", null, new String[]{}, "active", 4);
    }
    JsonObject stats = api.get(bot.path("/stats?days=1"), bot.token()).bodyAsJsonObject();
    assertThat(stats.fieldNames()).containsExactly("days", "totals", "by_source", "by_tag");
    assertThat(stats.getJsonObject("totals")).isEqualTo(new JsonObject().put("subscribers", 4).put("active", 2)
      .put("blocked", 1).put("unsubscribed", 1));
    assertThat(stats.getJsonObject("by_source")).isEqualTo(new JsonObject().put("ads", 1).put("promo", 2));
    assertThat(stats.getJsonObject("by_tag")).isEqualTo(new JsonObject().put("early", 1).put("vip", 2));
  }

  @Test
  void aNewBotHasZerosAndEmptyMapsAndDaysAreValidated() {
    JsonObject stats = api.get(bot.path("/stats?days=2"), bot.token()).bodyAsJsonObject();
    assertThat(stats.getJsonArray("days")).hasSize(2);
    assertThat(stats.getJsonObject("totals")).isEqualTo(new JsonObject().put("subscribers", 0).put("active", 0)
      .put("blocked", 0).put("unsubscribed", 0));
    assertThat(stats.getJsonObject("by_source")).isEmpty();
    assertThat(stats.getJsonObject("by_tag")).isEmpty();
    for (String days : new String[]{"0", "366", "week"}) {
      assertThat(Locs.of(api.get(bot.path("/stats?days=" + days), bot.token()))).as(days).containsExactly("query.days");
    }
  }
}

package io.botfactory.audience;

import io.botfactory.support.Api;
import io.botfactory.support.Sql;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code in_segment(subscribers, jsonb)}, the one definition of who a broadcast reaches (the API
 * checks a new broadcast with it, the engine fixes the recipients with it): active subscribers
 * having any of tags_any, all of tags_all, a source among sources, seen since seen_since; an
 * empty list, a null or a missing key is no condition.
 */
@ExtendWith(VertxExtension.class)
class SegmentTest {

  private AudienceFixture bot;

  @BeforeEach
  void setUp(Vertx vertx) {
    bot = new AudienceFixture(new Api(vertx, TestStack.shared().port));
    try (Sql sql = new Sql(vertx)) {
      bot.subscriber(sql, 1, "A", "promo", new String[]{"a"}, "active", 1);
      bot.subscriber(sql, 2, "B", "promo", new String[]{"a", "b"}, "active", 2);
      bot.subscriber(sql, 3, "C", null, new String[]{"b", "c"}, "active", 3);
      bot.subscriber(sql, 4, "D", "ads", new String[]{}, "active", 4);
      bot.subscriber(sql, 5, "E", "promo", new String[]{"a", "b"}, "blocked", 5);
      bot.subscriber(sql, 6, "F", "promo", new String[]{"a", "b"}, "unsubscribed", 6);
    }
  }

  @Test
  void whoEachSegmentTakes(Vertx vertx) {
    try (Sql sql = new Sql(vertx)) {
      assertThat(members(sql, new JsonObject())).as("everyone active").containsExactly(1L, 2L, 3L, 4L);
      assertThat(members(sql, segment(List.of(), List.of(), List.of(), null))).containsExactly(1L, 2L, 3L, 4L);
      assertThat(members(sql, new JsonObject().putNull("tags_any").putNull("sources"))).containsExactly(1L, 2L, 3L, 4L);
      assertThat(members(sql, segment(List.of("a", "c"), List.of(), List.of(), null))).as("any").containsExactly(1L, 2L, 3L);
      assertThat(members(sql, segment(List.of(), List.of("a", "b"), List.of(), null))).as("all").containsExactly(2L);
      assertThat(members(sql, segment(List.of(), List.of(), List.of("promo", "ads"), null))).as("sources")
        .containsExactly(1L, 2L, 4L);
      // first_seen = last_seen = EPOCH + n minutes in the fixture
      assertThat(members(sql, segment(List.of(), List.of(), List.of(), "2026-01-01T00:03:00.000Z"))).as("seen since")
        .containsExactly(3L, 4L);
      assertThat(members(sql, segment(List.of("b"), List.of("a"), List.of("promo"), "2026-01-01T00:02:00Z"))).as("all at once")
        .containsExactly(2L);
      assertThat(members(sql, segment(List.of("zzz"), List.of(), List.of(), null))).isEmpty();
    }
  }

  private static JsonObject segment(List<String> any, List<String> all, List<String> sources, String seenSince) {
    return new JsonObject().put("tags_any", new JsonArray(any)).put("tags_all", new JsonArray(all))
      .put("sources", new JsonArray(sources)).put("seen_since", seenSince);
  }

  private List<Long> members(Sql sql, JsonObject segment) {
    return sql.query("SELECT chat_id FROM subscribers s WHERE bot_id = $1 AND in_segment(s, $2::jsonb) ORDER BY chat_id",
      UUID.fromString(bot.botId), segment).value().stream().map(r -> r.getLong(0)).toList();
  }
}

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
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /bots/{id}/broadcasts}, and reading them back: one, or all newest first in pages. */
@ExtendWith(VertxExtension.class)
class BroadcastsTest {

  private static final Pattern NEXT = Pattern.compile("<(/bots/[0-9a-f-]{36}/broadcasts\\?limit=\\d+&after=[0-9a-f-]{36})>; rel=\"next\"");

  private Api api;
  private AudienceFixture bot;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestStack.shared().port);
    bot = new AudienceFixture(api);
    try (Sql sql = new Sql(vertx)) {
      bot.subscriber(sql, 1, "A", "promo", new String[]{"vip"}, "active", 1);
      bot.subscriber(sql, 2, "B", "ads", new String[]{"vip", "early"}, "blocked", 2);
    }
  }

  @Test
  void aNewBroadcastIsScheduledAndAnsweredWhole(Vertx vertx) {
    HttpResponse<Buffer> r = api.post(bot.path("/broadcasts"), new JsonObject().put("text", "Hello \"all\" \uD83C\uDF89"), bot.token());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    JsonObject broadcast = r.bodyAsJsonObject();
    String id = broadcast.getString("id");
    assertThat(r.getHeader("Location")).isEqualTo(bot.path("/broadcasts/" + id));
    assertThat(broadcast.fieldNames()).containsExactly("id", "bot_id", "text", "silent", "segment", "send_at", "status",
      "created_at", "started_at", "finished_at", "counts");
    assertThat(broadcast.getString("bot_id")).isEqualTo(bot.botId);
    assertThat(broadcast.getString("text")).isEqualTo("Hello \"all\" \uD83C\uDF89");
    assertThat(broadcast.getBoolean("silent")).isFalse();
    assertThat(broadcast.getJsonObject("segment")).isEqualTo(new JsonObject().put("tags_any", new JsonArray())
      .put("tags_all", new JsonArray()).put("sources", new JsonArray()).putNull("seen_since"));
    assertThat(broadcast.getValue("send_at")).isNull();
    assertThat(broadcast.getString("status")).isEqualTo("scheduled");
    assertThat(broadcast.getString("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(broadcast.getValue("started_at")).isNull();
    assertThat(broadcast.getValue("finished_at")).isNull();
    assertThat(broadcast.getJsonObject("counts")).isEqualTo(new JsonObject().putNull("recipients").put("pending", 0)
      .put("sent", 0).put("blocked", 0).put("failed", 0).put("uncertain", 0).put("cancelled", 0));
    try (Sql sql = new Sql(vertx)) {
      Row row = sql.query("SELECT due_at, created_at FROM broadcasts WHERE id = $1", UUID.fromString(id)).iterator().next();
      assertThat(row.getOffsetDateTime("due_at")).as("due now").isEqualTo(row.getOffsetDateTime("created_at"));
    }
  }

  @Test
  void sendAtAndTheSegmentAreKeptAsGiven(Vertx vertx) {
    JsonObject segment = new JsonObject().put("tags_any", new JsonArray().add("vip")).put("sources", new JsonArray().add("promo"))
      .put("seen_since", "2025-12-31T23:00:00+01:00");
    JsonObject broadcast = api.post(bot.path("/broadcasts"), new JsonObject().put("text", "Later").put("silent", true)
      .put("segment", segment).put("send_at", "2030-05-01T10:00:00.000Z"), bot.token()).bodyAsJsonObject();
    assertThat(broadcast.getBoolean("silent")).isTrue();
    assertThat(broadcast.getString("send_at")).isEqualTo("2030-05-01T10:00:00.000Z");
    assertThat(broadcast.getJsonObject("segment")).isEqualTo(new JsonObject().put("tags_any", new JsonArray().add("vip"))
      .put("tags_all", new JsonArray()).put("sources", new JsonArray().add("promo")).put("seen_since", "2025-12-31T22:00:00.000Z"));
    assertThat(api.get(bot.path("/broadcasts/" + broadcast.getString("id")), bot.token()).bodyAsJsonObject()).isEqualTo(broadcast);
    String past = api.post(bot.path("/broadcasts"), new JsonObject().put("text", "Now").put("send_at", "2001-01-01T00:00:00Z"),
      bot.token()).bodyAsJsonObject().getString("id");
    try (Sql sql = new Sql(vertx)) {
      OffsetDateTime due = sql.query("SELECT due_at FROM broadcasts WHERE id = $1", UUID.fromString(past)).iterator().next()
        .getOffsetDateTime("due_at");
      assertThat(Duration.between(due, OffsetDateTime.now()).abs()).as("a past send_at is now").isLessThan(Duration.ofMinutes(1));
    }
  }

  @Test
  void aSegmentThatTakesNoActiveSubscriberIsRefused() {
    for (JsonObject segment : List.of(new JsonObject().put("tags_all", new JsonArray().add("early")),
      new JsonObject().put("sources", new JsonArray().add("ads")), new JsonObject().put("tags_any", new JsonArray().add("none")),
      new JsonObject().put("seen_since", "2099-01-01T00:00:00Z"))) {
      HttpResponse<Buffer> r = api.post(bot.path("/broadcasts"), new JsonObject().put("text", "x").put("segment", segment),
        bot.token());
      assertThat(Locs.of(r)).as(segment.encode()).containsExactly("body.segment");
    }
    AudienceFixture empty = new AudienceFixture(api);
    assertThat(Locs.of(api.post(empty.path("/broadcasts"), new JsonObject().put("text", "x"), empty.token())))
      .as("no subscribers at all").containsExactly("body.segment");
    assertThat(api.get(bot.path("/broadcasts"), bot.token()).bodyAsJsonArray()).as("nothing stored").isEmpty();
  }

  @Test
  void theTextIsMeasuredAsTelegramDoesAndNeverEchoed() {
    String emoji = "\uD83D\uDE00";
    assertThat(create(emoji.repeat(2048)).statusCode()).as("4096 UTF-16 units").isEqualTo(201);
    for (String text : new String[]{emoji.repeat(2049), "s".repeat(4097), "", "   \n", "nul\u0000here"}) {
      HttpResponse<Buffer> r = create(text);
      assertThat(Locs.of(r)).as(text.length() + " chars").containsExactly("body.text");
      if (!text.isBlank()) {
        assertThat(r.bodyAsString()).doesNotContain(text.substring(0, 3));
      }
    }
    assertThat(Locs.of(api.post(bot.path("/broadcasts"), new JsonObject().put("text", "x").put("send_at", "tomorrow"),
      bot.token()))).containsExactly("body.send_at");
    assertThat(Locs.of(api.post(bot.path("/broadcasts"), new JsonObject().put("text", "x").put("segment",
      new JsonObject().put("tags_any", new JsonArray().add("Bad Tag"))), bot.token()))).containsExactly("body.segment.tags_any.0");
    assertThat(Locs.of(api.post(bot.path("/broadcasts"), new JsonObject().put("text", "x").put("colour", "red"), bot.token())))
      .isNotEmpty();
  }

  @Test
  void listedNewestFirstInPagesAndReadOneByOne() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(0, bot.scheduled("b" + i));
    }
    List<String> seen = new ArrayList<>();
    String next = bot.path("/broadcasts?limit=2");
    while (next != null) {
      HttpResponse<Buffer> page = api.get(next, bot.token());
      assertThat(page.statusCode()).isEqualTo(200);
      page.bodyAsJsonArray().forEach(b -> seen.add(((JsonObject) b).getString("id")));
      String link = page.getHeader("Link");
      Matcher m = link == null ? null : NEXT.matcher(link);
      assertThat(m == null || m.matches()).as(String.valueOf(link)).isTrue();
      next = m == null ? null : m.group(1);
    }
    assertThat(seen).containsExactlyElementsOf(created);
    JsonObject one = api.get(bot.path("/broadcasts/" + created.get(2)), bot.token()).bodyAsJsonObject();
    assertThat(one.getString("text")).isEqualTo("b2");
    for (String after : new String[]{"nope", UUID.randomUUID().toString()}) {
      assertThat(Locs.of(api.get(bot.path("/broadcasts?after=" + after), bot.token()))).containsExactly("query.after");
    }
    HttpResponse<Buffer> missing = api.get(bot.path("/broadcasts/" + UUID.randomUUID()), bot.token());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.bodyAsJsonObject().getString("detail")).isEqualTo("Broadcast not found");
    assertThat(api.get(bot.path("/broadcasts/not-a-uuid"), bot.token()).bodyAsString()).isEqualTo(missing.bodyAsString());
  }

  private HttpResponse<Buffer> create(String text) {
    return api.post(bot.path("/broadcasts"), new JsonObject().put("text", text).put("send_at", "2100-01-01T00:00:00Z"),
      bot.token());
  }
}

package io.botfactory.audience;

import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.Locs;
import io.botfactory.support.Sql;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /bots/{id}/subscribers/count}: how many active subscribers a broadcast's segment
 * takes now, by the definition that checks a new broadcast and fixes its recipients (the same
 * subscribers as SegmentTest's), checked as a broadcast's segment, and storing nothing.
 */
@ExtendWith(VertxExtension.class)
class SubscriberCountTest {

  private Api api;
  private AudienceFixture bot;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestStack.shared().port);
    bot = new AudienceFixture(api);
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
  void eachSegmentCountsTheActiveSubscribersItTakes() {
    Map<JsonObject, Integer> expected = Map.of(
      new JsonObject(), 4,
      new JsonObject().put("tags_any", new JsonArray()).put("sources", new JsonArray()).putNull("seen_since"), 4,
      segment("tags_any", "a", "c"), 3,
      segment("tags_all", "a", "b"), 1,
      segment("sources", "promo", "ads"), 3,
      new JsonObject().put("seen_since", "2026-01-01T01:03:00+01:00"), 2,
      segment("tags_any", "b").put("tags_all", new JsonArray().add("a")).put("sources", new JsonArray().add("promo"))
        .put("seen_since", "2026-01-01T00:02:00Z"), 1,
      segment("tags_any", "zzz"), 0);
    expected.forEach((segment, count) -> assertThat(count(new JsonObject().put("segment", segment))).as(segment.encode())
      .isEqualTo(count));
    assertThat(count(new JsonObject())).as("no segment: every active subscriber").isEqualTo(4);
    assertThat(count(new JsonObject().putNull("segment"))).isEqualTo(4);
    assertThat(api.get(bot.path("/broadcasts"), bot.token()).bodyAsJsonArray()).as("nothing stored").isEmpty();
  }

  /** The count is what a broadcast then reaches: zero is the create's 422, and a count is the recipients it starts with. */
  @Test
  void theCountIsWhatABroadcastWithTheSegmentReaches() {
    JsonObject nobody = segment("tags_all", "c", "a");
    assertThat(count(new JsonObject().put("segment", nobody))).isZero();
    assertThat(Locs.of(api.post(bot.path("/broadcasts"), new JsonObject().put("text", "x").put("segment", nobody), bot.token())))
      .containsExactly("body.segment");

    JsonObject some = segment("tags_any", "c", "a");
    int count = count(new JsonObject().put("segment", some));
    HttpResponse<Buffer> created = api.post(bot.path("/broadcasts"), new JsonObject().put("text", "Hi").put("segment", some),
      bot.token());
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("id");
    JsonObject started = Eventually.await(() -> api.get(bot.path("/broadcasts/" + id), bot.token()).bodyAsJsonObject(),
      b -> b.getJsonObject("counts").getValue("recipients") != null, Duration.ofSeconds(30), "the broadcast started");
    assertThat(started.getJsonObject("counts").getInteger("recipients")).isEqualTo(count).isEqualTo(3);
  }

  @Test
  void aSegmentIsCheckedAsABroadcastsAndOnlyItsOwnerCountsIt() {
    assertThat(Locs.of(post(new JsonObject().put("segment", segment("tags_any", "ok", "Not A Tag")))))
      .containsExactly("body.segment.tags_any.1");
    assertThat(Locs.of(post(new JsonObject().put("segment", new JsonObject().put("seen_since", "yesterday")))))
      .containsExactly("body.segment.seen_since");
    assertThat(Locs.of(post(new JsonObject().put("segment", segment("sources", "no spaces"))))).containsExactly("body.segment.sources.0");
    assertThat(post(new JsonObject().put("segment", new JsonObject().put("colour", "red"))).statusCode()).isEqualTo(422);
    assertThat(post(new JsonObject().put("text", "not here")).statusCode()).isEqualTo(422);

    Api.Account stranger = api.newAccount();
    HttpResponse<Buffer> foreign = api.post(bot.path("/subscribers/count"), new JsonObject(), stranger.token());
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(foreign.bodyAsJsonObject().getString("detail")).isEqualTo("Bot not found");
    assertThat(api.post("/bots/" + UUID.randomUUID() + "/subscribers/count", new JsonObject(), bot.token()).bodyAsString())
      .isEqualTo(foreign.bodyAsString());
    assertThat(api.post("/bots/not-a-uuid/subscribers/count", new JsonObject(), bot.token()).bodyAsString())
      .isEqualTo(foreign.bodyAsString());
    assertThat(api.post(bot.path("/subscribers/count"), new JsonObject(), null).statusCode()).isEqualTo(401);
    HttpResponse<Buffer> get = api.get(bot.path("/subscribers/count"), bot.token());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.getHeader("Allow")).isEqualTo("POST");
  }

  private static JsonObject segment(String key, String... values) {
    return new JsonObject().put(key, new JsonArray(List.of((Object[]) values)));
  }

  private HttpResponse<Buffer> post(JsonObject body) {
    return api.request(HttpMethod.POST, bot.path("/subscribers/count"), bot.token()).sendJsonObject(body).await();
  }

  private int count(JsonObject body) {
    HttpResponse<Buffer> r = post(body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().fieldNames()).containsExactly("count");
    return r.bodyAsJsonObject().getInteger("count");
  }
}

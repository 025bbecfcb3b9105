package io.botfactory.audience;

import io.botfactory.support.Api;
import io.botfactory.support.Locs;
import io.botfactory.support.Sql;
import io.botfactory.support.TestStack;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscribers' tags: {@code PUT /bots/{id}/subscribers/{chat_id}/tags} replaces one subscriber's,
 * {@code POST /bots/{id}/subscribers/tags} changes many at once, all or nothing, and never past
 * 20 tags a subscriber, however many changes run at once.
 */
@ExtendWith(VertxExtension.class)
class TagsTest {

  private Api api;
  private AudienceFixture bot;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestStack.shared().port);
    bot = new AudienceFixture(api);
  }

  @Test
  void putReplacesOneSubscribersTagsEachOnce(Vertx vertx) {
    try (Sql sql = new Sql(vertx)) {
      bot.subscriber(sql, 31, "old");
    }
    HttpResponse<Buffer> r = put(31, new JsonArray().add("vip").add("-early").add("vip"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getLong("chat_id")).isEqualTo(31);
    assertThat(r.bodyAsJsonObject().getJsonArray("tags")).containsExactly("vip", "-early");
    assertThat(put(31, new JsonArray()).bodyAsJsonObject().getJsonArray("tags")).isEmpty();
    HttpResponse<Buffer> unknown = put(32, new JsonArray().add("vip"));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsJsonObject().getString("detail")).isEqualTo("Subscriber not found");
  }

  @Test
  void putRefusesWhatIsNotATagOrTooManyNamingTheField(Vertx vertx) {
    try (Sql sql = new Sql(vertx)) {
      bot.subscriber(sql, 41, "keep");
      JsonArray tooMany = new JsonArray();
      for (int i = 0; i < 21; i++) {
        tooMany.add("t" + i);
      }
      assertThat(Locs.of(put(41, tooMany))).containsExactly("body.tags");
      assertThat(Locs.of(put(41, new JsonArray().add("ok").add("Secret Value")))).containsExactly("body.tags.1");
      assertThat(put(41, new JsonArray().add("x".repeat(33))).bodyAsString()).doesNotContain("xxxxx");
      assertThat(api.request(HttpMethod.PUT, bot.path("/subscribers/abc/tags"), bot.token())
        .sendJsonObject(new JsonObject().put("tags", new JsonArray())).await().statusCode()).isEqualTo(422);
      assertThat(tags(sql, 41)).containsExactly("keep");
    }
  }

  @Test
  void aBulkChangeAddsAndRemovesAndCountsTheUnknown(Vertx vertx) {
    try (Sql sql = new Sql(vertx)) {
      bot.subscriber(sql, 51, "a", "gone");
      bot.subscriber(sql, 52, "b");
      bot.subscriber(sql, 53, "new");
      HttpResponse<Buffer> r = change(new JsonArray().add(51).add(52).add(53).add(53).add(59_999), new JsonArray().add("new"),
        new JsonArray().add("gone"));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("changed", 2).put("unknown", 1));
      assertThat(tags(sql, 51)).containsExactly("a", "new");
      assertThat(tags(sql, 52)).containsExactly("b", "new");
      assertThat(tags(sql, 53)).containsExactly("new");
      assertThat(Locs.of(change(new JsonArray().add(51), new JsonArray().add("x"), new JsonArray().add("x"))))
        .containsExactly("body.remove");
      assertThat(Locs.of(change(new JsonArray(), new JsonArray().add("x"), new JsonArray()))).containsExactly("body.chat_ids");
    }
  }

  @Test
  void tenThousandChatIdsInOneBodyOfUpToAMegabyte(Vertx vertx) {
    try (Sql sql = new Sql(vertx)) {
      bot.subscribers(sql, 5_000_000_000L, 10_000, "Ada", new String[]{});
      JsonArray ids = new JsonArray();
      for (long i = 0; i < 10_000; i++) {
        ids.add(5_000_000_000L + i);
      }
      HttpResponse<Buffer> r = change(ids, new JsonArray().add("imported"), new JsonArray());
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("changed", 10_000).put("unknown", 0));
      assertThat(Locs.of(change(ids.copy().add(1L), new JsonArray().add("x"), new JsonArray()))).containsExactly("body.chat_ids");
    }
  }

  @Test
  void aChangeThatWouldPassTwentyTagsChangesNobody(Vertx vertx) {
    try (Sql sql = new Sql(vertx)) {
      String[] nineteen = new String[19];
      for (int i = 0; i < 19; i++) {
        nineteen[i] = "t" + i;
      }
      bot.subscriber(sql, 61, "a");
      bot.subscriber(sql, 62, nineteen);
      HttpResponse<Buffer> r = change(new JsonArray().add(61).add(62), new JsonArray().add("x").add("y"), new JsonArray());
      assertThat(Locs.of(r)).containsExactly("body.add");
      assertThat(tags(sql, 61)).as("all or nothing").containsExactly("a");
      assertThat(tags(sql, 62)).hasSize(19);
    }
  }

  /**
   * Thirty bulk changes at once, each adding its own tag to the same forty subscribers: twenty
   * succeed, ten are refused whole, and every subscriber ends with the same twenty tags.
   */
  @Test
  void concurrentChangesNeverPushAnyonePastTwenty(Vertx vertx) {
    JsonArray ids = new JsonArray();
    try (Sql sql = new Sql(vertx)) {
      bot.subscribers(sql, 70_000, 40, "Ada", new String[]{});
      for (long i = 70_000; i < 70_040; i++) {
        ids.add(i);
      }
      List<Future<HttpResponse<Buffer>>> changes = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        JsonObject body = new JsonObject().put("chat_ids", ids).put("add", new JsonArray().add("c" + i));
        changes.add(api.request(HttpMethod.POST, bot.path("/subscribers/tags"), bot.token()).sendJsonObject(body));
      }
      Future.join(changes).await();
      List<Integer> statuses = new ArrayList<>();
      changes.forEach(f -> statuses.add(f.result().statusCode()));
      assertThat(statuses).filteredOn(s -> s == 200).hasSize(20);
      assertThat(statuses).filteredOn(s -> s == 422).hasSize(10);
      List<String> first = tags(sql, 70_000);
      assertThat(first).hasSize(20);
      for (long i = 70_000; i < 70_040; i++) {
        assertThat(tags(sql, i)).containsExactlyInAnyOrderElementsOf(first);
      }
    }
  }

  private HttpResponse<Buffer> put(long chatId, JsonArray tags) {
    return api.request(HttpMethod.PUT, bot.path("/subscribers/" + chatId + "/tags"), bot.token())
      .sendJsonObject(new JsonObject().put("tags", tags)).await();
  }

  private HttpResponse<Buffer> change(JsonArray chatIds, JsonArray add, JsonArray remove) {
    return api.post(bot.path("/subscribers/tags"), new JsonObject().put("chat_ids", chatIds).put("add", add).put("remove", remove),
      bot.token());
  }

  private List<String> tags(Sql sql, long chatId) {
    Row row = sql.query("SELECT tags FROM subscribers WHERE bot_id = $1 AND chat_id = $2", UUID.fromString(bot.botId), chatId)
      .iterator().next();
    return List.of(row.getArrayOfStrings("tags"));
  }
}

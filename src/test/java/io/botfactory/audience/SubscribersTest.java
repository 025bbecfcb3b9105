package io.botfactory.audience;

import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.Locs;
import io.botfactory.support.Sql;
import io.botfactory.support.TestStack;
import io.botfactory.support.Updates;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /bots/{id}/subscribers}: the bot's private chats, oldest first, filtered, in pages linked by {@code Link}. */
@ExtendWith(VertxExtension.class)
class SubscribersTest {

  private static final Pattern NEXT = Pattern.compile("<(/bots/[0-9a-f-]{36}/subscribers\\?[^>]+)>; rel=\"next\"");

  private Api api;
  private AudienceFixture bot;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestStack.shared().port);
    bot = new AudienceFixture(api);
  }

  @Test
  void aUserWhoStartsTheBotByADeepLinkIsListedWithItsSource() {
    long user = Updates.nextId();
    Updates.deliver(api, bot.botId, Updates.text(user, "/start spring_sale"));
    JsonArray listed = Eventually.await(() -> api.get(bot.path("/subscribers"), bot.token()).bodyAsJsonArray(),
      a -> !a.isEmpty(), Duration.ofSeconds(15), "the subscriber");
    JsonObject subscriber = listed.getJsonObject(0);
    assertThat(subscriber.fieldNames()).containsExactlyInAnyOrder("chat_id", "first_name", "username", "language_code",
      "source", "tags", "status", "first_seen_at", "last_seen_at", "status_changed_at");
    assertThat(subscriber.getLong("chat_id")).isEqualTo(user);
    assertThat(subscriber.getString("first_name")).isEqualTo("Ada");
    assertThat(subscriber.getString("username")).isNull();
    assertThat(subscriber.getString("language_code")).isEqualTo("en");
    assertThat(subscriber.getString("source")).isEqualTo("spring_sale");
    assertThat(subscriber.getJsonArray("tags")).isEmpty();
    assertThat(subscriber.getString("status")).isEqualTo("active");
    assertThat(subscriber.getString("first_seen_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  }

  @Test
  void pagesFollowTheLinkOldestFirstWithTheFilters(Vertx vertx) {
    try (Sql sql = new Sql(vertx)) {
      // Chat ids against the order of arrival: the list follows first_seen_at, not the id.
      for (int i = 0; i < 7; i++) {
        bot.subscriber(sql, 900 - i, "Ada" + i, null, new String[]{i % 2 == 0 ? "even" : "odd"}, "active", i);
      }
    }
    List<Long> seen = new ArrayList<>();
    String next = bot.path("/subscribers?limit=2&tag=even");
    int pages = 0;
    while (next != null) {
      HttpResponse<Buffer> page = api.get(next, bot.token());
      assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
      page.bodyAsJsonArray().forEach(s -> seen.add(((JsonObject) s).getLong("chat_id")));
      pages++;
      String link = page.getHeader("Link");
      if (link == null) {
        next = null;
      } else {
        Matcher m = NEXT.matcher(link);
        assertThat(m.matches()).as(link).isTrue();
        assertThat(m.group(1)).contains("tag=even").contains("limit=2");
        next = m.group(1);
      }
    }
    assertThat(seen).containsExactly(900L, 898L, 896L, 894L);
    assertThat(pages).isEqualTo(2);
  }

  @Test
  void filtersByStatusTagAndSourceTogether(Vertx vertx) {
    try (Sql sql = new Sql(vertx)) {
      bot.subscriber(sql, 1, "A", "promo", new String[]{"vip"}, "active", 1);
      bot.subscriber(sql, 2, "B", "promo", new String[]{"vip"}, "blocked", 2);
      bot.subscriber(sql, 3, "C", "other", new String[]{"vip"}, "active", 3);
      bot.subscriber(sql, 4, "D", "promo", new String[]{}, "active", 4);
      bot.subscriber(sql, 5, "E", null, new String[]{"vip"}, "unsubscribed", 5);
    }
    assertThat(chatIds("?status=active&tag=vip&source=promo")).containsExactly(1L);
    assertThat(chatIds("?status=blocked")).containsExactly(2L);
    assertThat(chatIds("?status=unsubscribed")).containsExactly(5L);
    assertThat(chatIds("?tag=vip")).containsExactly(1L, 2L, 3L, 5L);
    assertThat(chatIds("?source=promo")).containsExactly(1L, 2L, 4L);
    assertThat(chatIds("")).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void queryParametersAreValidatedNamingTheFieldWithoutEchoingIt(Vertx vertx) {
    try (Sql sql = new Sql(vertx)) {
      bot.subscriber(sql, 7, "vip");
    }
    for (String query : new String[]{"limit=0", "limit=101", "status=gone", "tag=Not-A-Tag", "source=sp%20ace", "after=x",
      "after=12345"}) {
      HttpResponse<Buffer> r = api.get(bot.path("/subscribers?" + query), bot.token());
      assertThat(r.statusCode()).as(query).isEqualTo(422);
      assertThat(Locs.of(r)).as(query).containsExactly("query." + query.substring(0, query.indexOf('=')));
      assertThat(r.bodyAsString()).as(query).doesNotContain(query.substring(query.indexOf('=') + 1));
    }
    assertThat(api.get(bot.path("/subscribers?after=7"), bot.token()).bodyAsJsonArray()).isEmpty();
  }

  private List<Long> chatIds(String query) {
    HttpResponse<Buffer> r = api.get(bot.path("/subscribers" + query), bot.token());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    List<Long> ids = new ArrayList<>();
    r.bodyAsJsonArray().forEach(s -> ids.add(((JsonObject) s).getLong("chat_id")));
    return ids;
  }
}

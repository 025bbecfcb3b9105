package io.botfactory.bots;

import io.botfactory.support.Api;
import io.botfactory.support.Locs;
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

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /bots/me}: the caller's bots only, oldest first, in pages linked by {@code Link}. */
@ExtendWith(VertxExtension.class)
class ListBotsTest {

  private static final Pattern NEXT = Pattern.compile("<(/bots/me\\?limit=\\d+&after=[0-9a-f-]{36})>; rel=\"next\"");

  private Api api;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestStack.shared().port);
  }

  @Test
  void aNewClientHasNoBots() {
    HttpResponse<Buffer> r = api.get("/bots/me", api.newAccount().token());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonArray()).isEmpty();
    assertThat(r.getHeader("Link")).isNull();
  }

  @Test
  void listsOwnBotsOldestFirstAndNobodyElses() {
    Api.Account a = api.newAccount();
    Api.Account b = api.newAccount();
    List<String> aIds = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      aIds.add(api.createBot(a, "a" + i).getString("id"));
      api.createBot(b, "b" + i);
    }
    JsonArray mine = api.get("/bots/me", a.token()).bodyAsJsonArray();
    assertThat(ids(mine)).containsExactlyElementsOf(aIds);
    mine.forEach(bot -> assertThat(((JsonObject) bot).getString("client_id")).isEqualTo(a.id()));
    assertThat(ids(api.get("/bots/me", b.token()).bodyAsJsonArray())).doesNotContainAnyElementsOf(aIds).hasSize(5);
  }

  @Test
  void aListedBotIsExactlyTheBotItsOwnRouteAnswers() {
    Api.Account a = api.newAccount();
    JsonObject plain = api.createBot(a, "plain");
    JsonObject tricky = api.post("/bots", new JsonObject().put("name", "\"quoted\" \\ caf\u00e9 \uD83E\uDD16 <tag>")
        .put("description", "line one\r\nline two\t\u00a0end").put("token", Api.telegramToken(Api.telegramId())), a.token())
      .bodyAsJsonObject();
    tricky = api.awaitWebhook(a, tricky.getString("id"), "active");
    api.patch("/bots/" + plain.getString("id"), new JsonObject().put("is_active", false), a.token());
    JsonArray listed = api.get("/bots/me", a.token()).bodyAsJsonArray();
    assertThat(listed).hasSize(2);
    for (Object bot : listed) {
      JsonObject one = (JsonObject) bot;
      assertThat(one).isEqualTo(api.get("/bots/" + one.getString("id"), a.token()).bodyAsJsonObject());
    }
    assertThat(listed.getJsonObject(1)).isEqualTo(tricky);
    assertThat(listed.getJsonObject(0).getBoolean("is_active")).isFalse();
  }

  @Test
  void pagesFollowTheLinkHeaderToTheEnd() {
    Api.Account a = api.newAccount();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(api.createBot(a, "bot" + i).getString("id"));
    }
    List<String> seen = new ArrayList<>();
    String next = "/bots/me?limit=3";
    int pages = 0;
    while (next != null) {
      HttpResponse<Buffer> page = api.get(next, a.token());
      assertThat(page.statusCode()).isEqualTo(200);
      JsonArray bots = page.bodyAsJsonArray();
      assertThat(bots.size()).isLessThanOrEqualTo(3);
      seen.addAll(ids(bots));
      pages++;
      String link = page.getHeader("Link");
      if (link == null) {
        next = null;
      } else {
        Matcher m = NEXT.matcher(link);
        assertThat(m.matches()).as(link).isTrue();
        next = m.group(1);
      }
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(created);
  }

  @Test
  void anExactlyFullLastPageHasNoNextLink() {
    Api.Account a = api.newAccount();
    api.createBot(a, "one");
    api.createBot(a, "two");
    HttpResponse<Buffer> r = api.get("/bots/me?limit=2", a.token());
    assertThat(r.bodyAsJsonArray()).hasSize(2);
    assertThat(r.getHeader("Link")).isNull();
  }

  @Test
  void limitAndAfterAreValidated() {
    Api.Account a = api.newAccount();
    String other = api.createBot(api.newAccount(), "foreign").getString("id");
    for (String query : new String[]{"limit=0", "limit=101", "limit=ten", "limit=-1"}) {
      HttpResponse<Buffer> r = api.get("/bots/me?" + query, a.token());
      assertThat(r.statusCode()).as(query).isEqualTo(422);
      assertThat(Locs.of(r)).as(query).containsExactly("query.limit");
    }
    for (String query : new String[]{"after=nope", "after=" + other}) {
      HttpResponse<Buffer> r = api.get("/bots/me?" + query, a.token());
      assertThat(r.statusCode()).as(query).isEqualTo(422);
      assertThat(Locs.of(r)).as(query).containsExactly("query.after");
    }
    assertThat(api.get("/bots/me?limit=1", a.token()).statusCode()).isEqualTo(200);
    assertThat(api.get("/bots/me?limit=100", a.token()).statusCode()).isEqualTo(200);
  }

  private static List<String> ids(JsonArray bots) {
    List<String> ids = new ArrayList<>();
    bots.forEach(b -> ids.add(((JsonObject) b).getString("id")));
    return ids;
  }
}

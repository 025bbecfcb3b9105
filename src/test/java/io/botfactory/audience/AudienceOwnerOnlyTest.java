package io.botfactory.audience;

import io.botfactory.support.Api;
import io.botfactory.support.Sql;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every audience route is the bot owner's alone: another account, an unknown bot id and an id
 * that is not a UUID all get the same 404, which changes nothing; a client that no longer exists
 * gets 401.
 */
@ExtendWith(VertxExtension.class)
class AudienceOwnerOnlyTest {

  private static final String NOT_FOUND = new JsonObject().put("detail", "Bot not found").encode();

  private Api api;
  private AudienceFixture bot;
  private String broadcast;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestStack.shared().port);
    bot = new AudienceFixture(api);
    try (Sql sql = new Sql(vertx)) {
      bot.subscriber(sql, 5, "vip");
    }
    broadcast = bot.scheduled("mine");
  }

  /** Every route, with a valid request for the owner. */
  private List<Route> routes(String botId) {
    String base = "/bots/" + botId;
    JsonObject tags = new JsonObject().put("tags", new JsonArray().add("stolen"));
    JsonObject change = new JsonObject().put("chat_ids", new JsonArray().add(5)).put("add", new JsonArray().add("stolen"));
    JsonObject create = new JsonObject().put("text", "hijack");
    return List.of(
      new Route(HttpMethod.GET, base + "/subscribers", null),
      new Route(HttpMethod.GET, base + "/subscribers.csv", null),
      new Route(HttpMethod.PUT, base + "/subscribers/5/tags", tags),
      new Route(HttpMethod.POST, base + "/subscribers/tags", change),
      new Route(HttpMethod.GET, base + "/stats", null),
      new Route(HttpMethod.POST, base + "/broadcasts", create),
      new Route(HttpMethod.GET, base + "/broadcasts", null),
      new Route(HttpMethod.GET, base + "/broadcasts/" + broadcast, null),
      new Route(HttpMethod.POST, base + "/broadcasts/" + broadcast + "/pause", null),
      new Route(HttpMethod.POST, base + "/broadcasts/" + broadcast + "/resume", null),
      new Route(HttpMethod.POST, base + "/broadcasts/" + broadcast + "/cancel", null),
      new Route(HttpMethod.GET, base + "/broadcasts/" + broadcast + "/recipients.csv", null));
  }

  @Test
  void anotherAccountAnUnknownIdAndANonUuidGetTheSame404(Vertx vertx) {
    String stranger = api.newAccount().token();
    for (String botId : List.of(bot.botId, UUID.randomUUID().toString(), "not-a-uuid")) {
      String token = botId.equals(bot.botId) ? stranger : bot.token();
      for (Route route : routes(botId)) {
        HttpResponse<Buffer> r = route.send(api, token);
        assertThat(r.statusCode()).as(route + " for " + botId).isEqualTo(404);
        assertThat(r.bodyAsString()).as(route.toString()).isEqualTo(NOT_FOUND);
      }
    }
    try (Sql sql = new Sql(vertx)) {
      assertThat(sql.query("SELECT tags FROM subscribers WHERE bot_id = $1", UUID.fromString(bot.botId)).iterator().next()
        .getArrayOfStrings("tags")).containsExactly("vip");
      assertThat(sql.query("SELECT count(*) FROM broadcasts WHERE bot_id = $1", UUID.fromString(bot.botId)).iterator().next()
        .getLong(0)).isEqualTo(1);
    }
    assertThat(api.get(bot.path("/broadcasts/" + broadcast), bot.token()).bodyAsJsonObject().getString("status"))
      .isEqualTo("scheduled");
  }

  @Test
  void anotherBotsBroadcastIsNotFoundThroughMyBot() {
    AudienceFixture mine = new AudienceFixture(api);
    for (String action : new String[]{"", "/cancel", "/recipients.csv"}) {
      HttpMethod method = action.equals("/cancel") ? HttpMethod.POST : HttpMethod.GET;
      HttpResponse<Buffer> r = api.request(method, mine.path("/broadcasts/" + broadcast + action), mine.token()).send().await();
      assertThat(r.statusCode()).as(action).isEqualTo(404);
      assertThat(r.bodyAsJsonObject().getString("detail")).isEqualTo("Broadcast not found");
    }
  }

  @Test
  void aClientThatNoLongerExistsGets401Everywhere(Vertx vertx) {
    try (Sql sql = new Sql(vertx)) {
      sql.query("DELETE FROM clients WHERE id = $1", UUID.fromString(bot.owner.id()));
    }
    for (Route route : routes(bot.botId)) {
      HttpResponse<Buffer> r = route.send(api, bot.token());
      assertThat(r.statusCode()).as(route.toString()).isEqualTo(401);
      assertThat(r.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
      assertThat(r.bodyAsJsonObject().getString("detail")).isEqualTo("Could not validate credentials");
    }
  }

  private record Route(HttpMethod method, String path, JsonObject body) {

    HttpResponse<Buffer> send(Api api, String token) {
      HttpRequest<Buffer> request = api.request(method, path, token);
      return (body == null ? request.send() : request.sendJsonObject(body)).await();
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }
}

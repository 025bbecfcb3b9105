package io.botfactory.telegram;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The double's fidelity points the service's tests rely on, through the real client over real HTTP. */
@ExtendWith(VertxExtension.class)
class TelegramDoubleTest {

  private static final AtomicLong IDS = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000_000L, 8_000_000_000L));

  private Vertx vertx;
  private TelegramDouble telegram;
  private TelegramClient client;
  private WebClient raw;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    telegram = TelegramDouble.start(vertx).await();
    client = new TelegramClient(vertx, new TelegramClient.Options(telegram.apiUrl(), 30_000, 8, 4 << 20, true));
    raw = WebClient.create(vertx);
  }

  @AfterEach
  void tearDown() {
    client.close();
    raw.close();
    telegram.close().await();
  }

  private TelegramOutcome call(String token, String method, JsonObject params) {
    return client.call(token, method, params).await();
  }

  private Object result(String token, String method, JsonObject params) {
    TelegramOutcome outcome = call(token, method, params);
    assertThat(outcome).as(method).isInstanceOf(TelegramOutcome.Ok.class);
    return ((TelegramOutcome.Ok) outcome).result();
  }

  /** The description Telegram put beside a result (setWebhook, deleteWebhook), from the last such call. */
  private String lastDescription(String method) {
    List<DoubleCall> calls = telegram.calls(method);
    return calls.get(calls.size() - 1).answer().getString("description");
  }

  private static JsonObject message(long chatId, String text) {
    return new JsonObject().put("message", new JsonObject().put("message_id", 1).put("date", 1_700_000_000)
      .put("chat", new JsonObject().put("id", chatId).put("type", "private").put("first_name", "Ann"))
      .put("from", new JsonObject().put("id", chatId).put("is_bot", false).put("first_name", "Ann"))
      .put("text", text));
  }

  // ---- flood control ------------------------------------------------------------------------------

  @Test
  void floodControlLimitsAPrivateChatToOneASecondAndABotToThirty() {
    long botId = IDS.incrementAndGet();
    String token = telegram.addBot(botId);
    telegram.acceptAnyChat(true).floodControl(true);
    long chat = IDS.incrementAndGet();
    assertThat(call(token, "sendMessage", new JsonObject().put("chat_id", chat).put("text", "one")).kind())
      .isEqualTo(TelegramOutcome.Kind.OK);
    TelegramOutcome again = call(token, "sendMessage", new JsonObject().put("chat_id", chat).put("text", "two"));
    assertThat(again).isInstanceOf(TelegramOutcome.RetryAfter.class);
    assertThat(((TelegramOutcome.RetryAfter) again).seconds()).isEqualTo(1);
    List<io.vertx.core.Future<TelegramOutcome>> burst = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      burst.add(client.call(token, "sendMessage", new JsonObject().put("chat_id", IDS.incrementAndGet()).put("text", "x")));
    }
    io.vertx.core.Future.join(burst).await();
    long taken = 1 + burst.stream().filter(f -> f.result().isOk()).count();
    assertThat(taken).as("taken within a second").isEqualTo(DoubleFloodControl.BOT_PER_SECOND);
    assertThat(telegram.floodLimited()).isEqualTo(41 - DoubleFloodControl.BOT_PER_SECOND + 1);
  }

  // ---- getUpdates ---------------------------------------------------------------------------------

  @Test
  void getUpdatesIsAConflictWhileAWebhookIsSet() {
    telegram.allowHttpWebhooks();
    long id = IDS.incrementAndGet();
    String token = telegram.addBot(id);
    assertThat(result(token, "setWebhook", new JsonObject().put("url", "http://127.0.0.1:9/telegram/webhook/1"))).isEqualTo(true);
    assertThat(lastDescription("setWebhook")).isEqualTo("Webhook was set");
    assertThat(call(token, "getUpdates", new JsonObject().put("timeout", 5)))
      .isEqualTo(new TelegramOutcome.Conflict(DoubleMethods.WEBHOOK_ACTIVE));
    assertThat(result(token, "deleteWebhook", new JsonObject())).isEqualTo(true);
    assertThat(lastDescription("deleteWebhook")).isEqualTo("Webhook was deleted");
    assertThat(result(token, "deleteWebhook", new JsonObject())).isEqualTo(true);
    assertThat(lastDescription("deleteWebhook")).isEqualTo("Webhook is already deleted");
    assertThat(result(token, "getUpdates", new JsonObject())).isEqualTo(new JsonArray());
  }

  @Test
  void anOffsetConfirmsEveryEarlierUpdate() {
    long id = IDS.incrementAndGet();
    String token = telegram.addBot(id);
    long first = telegram.queueUpdate(id, message(11, "one"));
    long second = telegram.queueUpdate(id, message(11, "two"));
    long third = telegram.queueUpdate(id, message(12, "three"));
    assertThat(List.of(second - first, third - second)).containsOnly(1L);

    JsonArray all = (JsonArray) result(token, "getUpdates", new JsonObject());
    assertThat(all.stream().map(u -> ((JsonObject) u).getLong("update_id"))).containsExactly(first, second, third);
    assertThat(all.getJsonObject(0).getJsonObject("message").getString("text")).isEqualTo("one");
    assertThat((JsonArray) result(token, "getUpdates", new JsonObject().put("limit", 1))).hasSize(1);

    JsonArray rest = (JsonArray) result(token, "getUpdates", new JsonObject().put("offset", second));
    assertThat(rest.stream().map(u -> ((JsonObject) u).getLong("update_id"))).containsExactly(second, third);
    assertThat(telegram.pendingUpdates(id)).isEqualTo(2);
    assertThat(((JsonObject) result(token, "getWebhookInfo", null)).getInteger("pending_update_count")).isEqualTo(2);

    assertThat((JsonArray) result(token, "getUpdates", new JsonObject().put("offset", third + 1))).isEmpty();
    assertThat(telegram.pendingUpdates(id)).isZero();
  }

  @Test
  void aLongPollAnswersAsSoonAsAnUpdateIsQueued() {
    long id = IDS.incrementAndGet();
    String token = telegram.addBot(id);
    long started = System.nanoTime();
    Future<TelegramOutcome> poll = client.call(token, "getUpdates", new JsonObject().put("timeout", 25), 30_000);
    telegram.awaitCalls(id, "getUpdates", 1, Duration.ofSeconds(10));
    long updateId = telegram.queueUpdate(id, message(21, "hello"));
    JsonArray updates = ((TelegramOutcome.Ok) poll.await()).array();
    assertThat(updates).hasSize(1);
    assertThat(updates.getJsonObject(0).getLong("update_id")).isEqualTo(updateId);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void aLongPollWithNothingQueuedAnswersAnEmptyListAtItsTimeout() {
    long id = IDS.incrementAndGet();
    String token = telegram.addBot(id);
    long started = System.nanoTime();
    assertThat(result(token, "getUpdates", new JsonObject().put("timeout", 1))).isEqualTo(new JsonArray());
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void aSecondLongPollEndsTheFirstWith409() {
    long id = IDS.incrementAndGet();
    String token = telegram.addBot(id);
    Future<TelegramOutcome> first = client.call(token, "getUpdates", new JsonObject().put("timeout", 25), 30_000);
    telegram.awaitCalls(id, "getUpdates", 1, Duration.ofSeconds(10));
    Future<TelegramOutcome> second = client.call(token, "getUpdates", new JsonObject().put("timeout", 1), 30_000);
    assertThat(first.await()).isEqualTo(new TelegramOutcome.Conflict(DoubleMethods.OTHER_GET_UPDATES));
    assertThat(second.await()).isEqualTo(new TelegramOutcome.Ok(new JsonArray()));
  }

  @Test
  void setWebhookEndsAWaitingLongPoll() {
    telegram.allowHttpWebhooks();
    long id = IDS.incrementAndGet();
    String token = telegram.addBot(id);
    Future<TelegramOutcome> poll = client.call(token, "getUpdates", new JsonObject().put("timeout", 25), 30_000);
    telegram.awaitCalls(id, "getUpdates", 1, Duration.ofSeconds(10));
    assertThat(result(token, "setWebhook", new JsonObject().put("url", "http://127.0.0.1:9/hook"))).isEqualTo(true);
    assertThat(poll.await()).isEqualTo(new TelegramOutcome.Conflict("Conflict: terminated by setWebhook request"));
  }

  @Test
  void updatesOutsideAllowedUpdatesAreNotKept() {
    long id = IDS.incrementAndGet();
    String token = telegram.addBot(id);
    assertThat(telegram.queueUpdate(id, new JsonObject().put("message_reaction", new JsonObject()))).isEqualTo(-1);
    result(token, "getUpdates", new JsonObject().put("allowed_updates", new JsonArray().add("message").add("message_reaction")));
    assertThat(telegram.queueUpdate(id, new JsonObject().put("message_reaction", new JsonObject()))).isPositive();
    assertThat(telegram.queueUpdate(id, new JsonObject().put("callback_query", new JsonObject()))).isEqualTo(-1);
    assertThat(((JsonObject) result(token, "getWebhookInfo", null)).getJsonArray("allowed_updates"))
      .isEqualTo(new JsonArray().add("message").add("message_reaction"));
  }

  // ---- webhooks -----------------------------------------------------------------------------------

  /** A stand-in for the service's webhook route: records what Telegram posts, answers {@code status}. */
  private record Receiver(HttpServer server, List<JsonObject> seen, AtomicInteger status) {
    String url(String path) {
      return "http://127.0.0.1:" + server.actualPort() + path;
    }
  }

  private Receiver receiver() {
    List<JsonObject> seen = new CopyOnWriteArrayList<>();
    AtomicInteger status = new AtomicInteger(200);
    HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      MultiMap h = req.headers();
      seen.add(new JsonObject().put("method", req.method().name()).put("path", req.path())
        .put("content_type", h.get("Content-Type")).put("secret", h.get("X-Telegram-Bot-Api-Secret-Token"))
        .put("body", body.toJsonObject()));
      req.response().setStatusCode(status.get()).end();
    })).listen(0, "127.0.0.1").await();
    return new Receiver(server, seen, status);
  }

  @Test
  void deliverPostsTheUpdateWithTheSecretHeader() {
    telegram.allowHttpWebhooks();
    Receiver service = receiver();
    try {
      long id = IDS.incrementAndGet();
      String token = telegram.addBot(id);
      result(token, "setWebhook", new JsonObject().put("url", service.url("/telegram/webhook/" + id))
        .put("secret_token", "s3cret_-X").put("max_connections", 40)
        .put("allowed_updates", new JsonArray().add("message").add("edited_message").add("callback_query").add("my_chat_member")));
      assertThat(telegram.webhook(id)).isEqualTo(new TelegramDouble.Webhook(service.url("/telegram/webhook/" + id), "s3cret_-X",
        List.of("message", "edited_message", "callback_query", "my_chat_member"), 40, 0, 0, null));

      TelegramDouble.Delivery delivery = telegram.deliver(id, message(31, "hi")).await();
      assertThat(delivery.status()).isEqualTo(200);
      assertThat(service.seen()).singleElement().satisfies(post -> {
        assertThat(post.getString("method")).isEqualTo("POST");
        assertThat(post.getString("path")).isEqualTo("/telegram/webhook/" + id);
        assertThat(post.getString("content_type")).isEqualTo("application/json");
        assertThat(post.getString("secret")).isEqualTo("s3cret_-X");
        assertThat(post.getJsonObject("body").getLong("update_id")).isEqualTo(delivery.updateId());
        assertThat(post.getJsonObject("body").getJsonObject("message").getString("text")).isEqualTo("hi");
      });
      // The chat the update came from can now be written to.
      assertThat(result(token, "sendMessage", new JsonObject().put("chat_id", 31).put("text", "hello back"))).isNotNull();

      service.status().set(503);
      assertThat(telegram.deliver(id, message(31, "again")).await().status()).isEqualTo(503);
      JsonObject info = (JsonObject) result(token, "getWebhookInfo", null);
      assertThat(info.getString("last_error_message")).isEqualTo("Wrong response from the webhook: 503 Service Unavailable");
      assertThat(info.getLong("last_error_date")).isPositive();
      assertThat(info.getInteger("max_connections")).isEqualTo(40);
    } finally {
      service.server().close().await();
    }
  }

  @Test
  void withoutASecretNoSecretHeaderIsSent() {
    telegram.allowHttpWebhooks();
    Receiver service = receiver();
    try {
      long id = IDS.incrementAndGet();
      String token = telegram.addBot(id);
      result(token, "setWebhook", new JsonObject().put("url", service.url("/hook")));
      long queued = telegram.queueUpdate(id, message(41, "queued while no one listened"));
      assertThat(telegram.flushToWebhook(id).await()).extracting(TelegramDouble.Delivery::updateId).containsExactly(queued);
      assertThat(service.seen()).singleElement().satisfies(post -> assertThat(post.getString("secret")).isNull());
      assertThat(telegram.pendingUpdates(id)).isZero();
    } finally {
      service.server().close().await();
    }
  }

  @Test
  void setWebhookFollowsTelegramsRules() {
    telegram.limitSetWebhookRate(false);
    long id = IDS.incrementAndGet();
    String token = telegram.addBot(id);
    assertThat(call(token, "setWebhook", new JsonObject().put("url", "http://bots.example.com/hook")))
      .isEqualTo(new TelegramOutcome.BadRequest(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"));
    assertThat(call(token, "setWebhook", new JsonObject().put("url", "https://bots.example.com:8080/hook")))
      .isEqualTo(new TelegramOutcome.BadRequest(400, "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443"));

    JsonObject good = new JsonObject().put("url", "https://bots.example.com/hook").put("secret_token", "abc").put("max_connections", 500);
    assertThat(result(token, "setWebhook", good)).isEqualTo(true);
    assertThat(lastDescription("setWebhook")).isEqualTo("Webhook was set");
    assertThat(telegram.webhook(id).maxConnections()).isEqualTo(100);
    good.put("max_connections", 100);
    assertThat(result(token, "setWebhook", good)).isEqualTo(true);
    assertThat(lastDescription("setWebhook")).isEqualTo("Webhook is already set");

    // A refused new secret leaves no webhook at all: the old one is removed first.
    assertThat(call(token, "setWebhook", good.copy().put("secret_token", "not allowed!")))
      .isEqualTo(new TelegramOutcome.BadRequest(400, "Bad Request: secret token contains unallowed characters"));
    assertThat(call(token, "setWebhook", good.copy().put("secret_token", "x".repeat(257))))
      .isEqualTo(new TelegramOutcome.BadRequest(400, "Bad Request: secret token is too long"));
    assertThat(telegram.webhook(id).url()).isEmpty();
    assertThat(((JsonObject) result(token, "getWebhookInfo", null)).getString("url")).isEmpty();
  }

  // ---- tokens, methods, messages, commands ----------------------------------------------------------

  @Test
  void tokensAreCheckedAsTelegramDoes() {
    long id = IDS.incrementAndGet();
    String token = telegram.addBot(id, "weather_bot");
    assertThat(((JsonObject) result(token, "getMe", null)).getString("username")).isEqualTo("weather_bot");
    assertThat(call(id + ":AAwrongwrongwrongwrongwrongwrongwrong", "getMe", null))
      .isEqualTo(new TelegramOutcome.TokenRejected(401, "Unauthorized"));
    HttpResponse<Buffer> malformed = raw.get(telegram.port(), "127.0.0.1", "/botnot-a-token/getMe").send().await();
    assertThat(malformed.statusCode()).isEqualTo(404);
    assertThat(malformed.bodyAsJsonObject()).isEqualTo(new JsonObject().put("ok", false).put("error_code", 404).put("description", "Not Found"));

    String renewed = telegram.newToken(id);
    assertThat(call(token, "getMe", null)).isEqualTo(new TelegramOutcome.TokenRejected(401, "Unauthorized"));
    assertThat(call(renewed, "getMe", null).isOk()).isTrue();
  }

  @Test
  void lenientModeTakesAnyWellFormedTokenButRevokedOnes() {
    telegram.acceptAnyWellFormedToken(true);
    long id = IDS.incrementAndGet();
    String token = id + ":AAlenientlenientlenientlenientlenient";
    JsonObject me = (JsonObject) result(token, "getMe", null);
    assertThat(me.getLong("id")).isEqualTo(id);
    assertThat(me.getString("username")).isEqualTo("bot" + id + "_bot");
    telegram.revoke(token);
    assertThat(call(token, "getMe", null)).isEqualTo(new TelegramOutcome.TokenRejected(401, "Unauthorized"));
  }

  @Test
  void methodNamesAreCaseInsensitive() {
    long id = IDS.incrementAndGet();
    String token = telegram.addBot(id);
    assertThat(call(token, "GETME", null).isOk()).isTrue();
    assertThat(call(token, "getme", null).isOk()).isTrue();
    assertThat(telegram.calls(id, "getMe")).hasSize(2).allSatisfy(c -> assertThat(c.method()).isEqualTo("getMe"));
    assertThat(call(token, "getMeNot", null)).isEqualTo(new TelegramOutcome.TokenRejected(404, "Not Found"));
  }

  @Test
  void sendMessageChecksTheTextAndTheChat() {
    long id = IDS.incrementAndGet();
    String token = telegram.addBot(id, "echo_bot");
    long chat = 5_000_000_001L;
    telegram.queueUpdate(id, message(chat, "/start"));
    String emoji = "\uD83D\uDE00";
    String longest = emoji.repeat(2048);
    JsonObject sent = (JsonObject) result(token, "sendMessage", new JsonObject().put("chat_id", chat).put("text", longest));
    assertThat(sent.getLong("message_id")).isEqualTo(1L);
    assertThat(sent.getJsonObject("chat").getLong("id")).isEqualTo(chat);
    assertThat(sent.getJsonObject("from").getString("username")).isEqualTo("echo_bot");
    assertThat(sent.getString("text")).isEqualTo(longest);
    assertThat(call(token, "sendMessage", new JsonObject().put("chat_id", String.valueOf(chat)).put("text", longest + "x")))
      .isEqualTo(new TelegramOutcome.BadRequest(400, "Bad Request: message is too long"));
    assertThat(call(token, "sendMessage", new JsonObject().put("chat_id", chat).put("text", "")))
      .isEqualTo(new TelegramOutcome.BadRequest(400, "Bad Request: message text is empty"));
    assertThat(call(token, "sendMessage", new JsonObject().put("chat_id", chat).put("text", "  \n ")))
      .isEqualTo(new TelegramOutcome.BadRequest(400, "Bad Request: message must be non-empty"));
    assertThat(call(token, "sendMessage", new JsonObject().put("text", "hi")))
      .isEqualTo(new TelegramOutcome.BadRequest(400, "Bad Request: chat_id is empty"));
    assertThat(call(token, "sendMessage", new JsonObject().put("chat_id", chat + 1).put("text", "hi")))
      .isEqualTo(new TelegramOutcome.BadRequest(400, "Bad Request: chat not found"));
    assertThat(telegram.sent(id, chat)).containsExactly(longest);
  }

  @Test
  void setMyCommandsChecksAsTelegramDoes() {
    long id = IDS.incrementAndGet();
    String token = telegram.addBot(id);
    JsonObject help = new JsonObject().put("command", " /help ").put("description", " Lists the commands ");
    assertThat(result(token, "setMyCommands", new JsonObject().put("commands", new JsonArray().add(help)))).isEqualTo(true);
    JsonArray stored = new JsonArray().add(new JsonObject().put("command", "help").put("description", "Lists the commands"));
    assertThat(result(token, "getMyCommands", null)).isEqualTo(stored);
    assertThat(telegram.commands(id)).isEqualTo(stored);

    assertThat(setCommands(token, "Start", "d")).isEqualTo(new TelegramOutcome.BadRequest(400, "Bad Request: BOT_COMMAND_INVALID"));
    assertThat(setCommands(token, "a".repeat(33), "d"))
      .isEqualTo(new TelegramOutcome.BadRequest(400, "Bad Request: command length must not exceed 32"));
    assertThat(setCommands(token, "ok", " ")).isEqualTo(new TelegramOutcome.BadRequest(400, "Bad Request: command description must be non-empty"));
    assertThat(setCommands(token, "ok", "d".repeat(257)))
      .isEqualTo(new TelegramOutcome.BadRequest(400, "Bad Request: command description length must not exceed 256"));
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 101; i++) {
      tooMany.add(new JsonObject().put("command", "c" + i).put("description", "d"));
    }
    assertThat(call(token, "setMyCommands", new JsonObject().put("commands", tooMany)))
      .isEqualTo(new TelegramOutcome.BadRequest(400, "Bad Request: BOT_COMMANDS_TOO_MUCH"));
    assertThat(telegram.commands(id)).as("a refused set changes nothing").isEqualTo(stored);

    assertThat(result(token, "deleteMyCommands", null)).isEqualTo(true);
    assertThat(result(token, "getMyCommands", null)).isEqualTo(new JsonArray());
  }

  private TelegramOutcome setCommands(String token, String command, String description) {
    return call(token, "setMyCommands", new JsonObject().put("commands",
      new JsonArray().add(new JsonObject().put("command", command).put("description", description))));
  }

  // ---- faults and the control API ---------------------------------------------------------------------

  @Test
  void faultsHitTheirBotForTheirCountOnly() {
    long id = IDS.incrementAndGet();
    long other = IDS.incrementAndGet();
    String token = telegram.addBot(id);
    String otherToken = telegram.addBot(other);
    FaultRule rule = telegram.when("getme").forBot(id).times(2).then(DoubleFault.internalError());
    assertThat(call(otherToken, "getMe", null).isOk()).isTrue();
    assertThat(call(token, "getMe", null).kind()).isEqualTo(TelegramOutcome.Kind.PASSING);
    assertThat(call(token, "getMe", null).kind()).isEqualTo(TelegramOutcome.Kind.PASSING);
    assertThat(call(token, "getMe", null).isOk()).isTrue();
    assertThat(rule.hits()).isEqualTo(2);
    assertThat(telegram.calls(id, "getMe")).extracting(DoubleCall::status).containsExactly(500, 500, 200);

    FaultRule untilCleared = telegram.when("*").then(DoubleFault.blocked());
    assertThat(call(otherToken, "getMyCommands", null).kind()).isEqualTo(TelegramOutcome.Kind.BLOCKED);
    untilCleared.clear();
    assertThat(call(otherToken, "getMyCommands", null).isOk()).isTrue();
  }

  @Test
  void theControlApiCountsCallsAndNeverShowsATokenItself() {
    long id = IDS.incrementAndGet();
    String token = telegram.addBot(id);
    call(token, "getMe", null);
    call(token, "getMe", null);
    call(token, "sendMessage", new JsonObject().put("chat_id", 1).put("text", "x"));
    HttpResponse<Buffer> stats = raw.get(telegram.port(), "127.0.0.1", "/_double/stats").send().await();
    assertThat(stats.bodyAsJsonObject()).isEqualTo(new JsonObject().put("calls", 3)
      .put("by_method", new JsonObject().put("getMe", 2).put("sendMessage", 1))
      .put("by_status", new JsonObject().put("200", 2).put("400", 1)));
    HttpResponse<Buffer> since = raw.get(telegram.port(), "127.0.0.1", "/_double/calls?method=getMe&since=1").send().await();
    JsonArray calls = since.bodyAsJsonArray();
    assertThat(calls).hasSize(1);
    assertThat(calls.getJsonObject(0).getLong("seq")).isEqualTo(2L);
    assertThat(calls.getJsonObject(0).getLong("bot_id")).isEqualTo(id);
    assertThat(stats.bodyAsString() + since.bodyAsString()).doesNotContain(token.substring(token.indexOf(':') + 1));

    assertThat(raw.post(telegram.port(), "127.0.0.1", "/_double/reset").send().await().statusCode()).isEqualTo(200);
    assertThat(telegram.calls()).isEmpty();
    HttpResponse<Buffer> added = raw.post(telegram.port(), "127.0.0.1", "/_double/bots")
      .sendJsonObject(new JsonObject().put("id", 77).put("username", "demo_bot")).await();
    assertThat(added.statusCode()).isEqualTo(201);
    assertThat(((JsonObject) result(added.bodyAsJsonObject().getString("token"), "getMe", null)).getString("username"))
      .isEqualTo("demo_bot");
  }

  @Test
  void theSentFeedListsAcceptedMessagesWithTheirArrivalTimes() {
    long id = IDS.incrementAndGet();
    String token = telegram.addBot(id);
    telegram.acceptAnyChat(true);
    long before = System.currentTimeMillis() * 1000;
    call(token, "sendMessage", new JsonObject().put("chat_id", 11).put("text", " first "));
    call(token, "sendMessage", new JsonObject().put("chat_id", 12).put("text", ""));
    call(token, "sendMessage", new JsonObject().put("chat_id", -1001234567890L).put("text", "second"));
    long after = System.currentTimeMillis() * 1000 + 1000;

    JsonObject all = raw.get(telegram.port(), "127.0.0.1", "/_double/sent").send().await().bodyAsJsonObject();
    JsonArray messages = all.getJsonArray("messages");
    assertThat(messages).as("the refused empty text is not in the feed").hasSize(2);
    JsonArray first = messages.getJsonArray(0);
    assertThat(first.getLong(1)).isEqualTo(id);
    assertThat(first.getLong(2)).isEqualTo(11L);
    assertThat(first.getLong(3)).isBetween(before, after);
    assertThat(first.getString(4)).isEqualTo("first");
    assertThat(messages.getJsonArray(1).getLong(2)).isEqualTo(-1001234567890L);
    assertThat(all.getLong("last")).isEqualTo(messages.getJsonArray(1).getLong(0));

    long firstSeq = first.getLong(0);
    JsonObject rest = raw.get(telegram.port(), "127.0.0.1", "/_double/sent?since=" + firstSeq + "&limit=5").send().await()
      .bodyAsJsonObject();
    assertThat(rest.getJsonArray("messages")).hasSize(1);
    assertThat(rest.getJsonArray("messages").getJsonArray(0).getString(4)).isEqualTo("second");
    assertThat(raw.get(telegram.port(), "127.0.0.1", "/_double/sent?since=x").send().await().statusCode()).isEqualTo(400);
    assertThat(all.encode()).doesNotContain(token.substring(token.indexOf(':') + 1));
  }
}

package io.botfactory.telegram;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The real client against the Telegram double over real HTTP: every kind of outcome, and no token anywhere. */
@ExtendWith(VertxExtension.class)
class TelegramClientTest {

  private static final AtomicLong IDS = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000_000L, 8_000_000_000L));
  private static final long TIMEOUT_MS = 10_000;
  /** The answer cap of the clients under test: 1 MiB. */
  private static final int MAX_ANSWER = 1 << 20;

  private TelegramDouble telegram;
  private TelegramClient client;
  /** Every outcome seen, and every token used, for the leak check. */
  private final List<TelegramOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
  private final List<String> tokens = Collections.synchronizedList(new ArrayList<>());

  private record Bot(long id, String token) {
  }

  @BeforeEach
  void setUp(Vertx vertx) {
    telegram = TelegramDouble.start(vertx).await();
    client = new TelegramClient(vertx, options(telegram.apiUrl(), 4));
    // A first call loads classes and opens the pool (seconds on a busy machine), so that the
    // deadlines measured below are the client's, not the JVM's start-up.
    assertThat(client.call(telegram.addBot(IDS.incrementAndGet()), "getMe", null).await().isOk()).isTrue();
    telegram.reset();
  }

  /** The double listens on plain http: allowed here, as in every test configuration. */
  private static TelegramClient.Options options(String apiUrl, int poolSize) {
    return new TelegramClient.Options(apiUrl, TIMEOUT_MS, poolSize, MAX_ANSWER, true);
  }

  @AfterEach
  void tearDown() {
    client.close();
    telegram.close().await();
  }

  private Bot newBot() {
    long id = IDS.incrementAndGet();
    String token = telegram.addBot(id, "bot" + id + "_bot");
    tokens.add(token);
    return new Bot(id, token);
  }

  private TelegramOutcome call(Bot bot, String method, JsonObject params) {
    return call(bot.token, method, params, TIMEOUT_MS);
  }

  private TelegramOutcome call(String token, String method, JsonObject params, long timeoutMs) {
    TelegramOutcome outcome = client.call(token, method, params, timeoutMs).await();
    outcomes.add(outcome);
    return outcome;
  }

  // ---- answers --------------------------------------------------------------------------------

  @Test
  void okWithAnObjectResult() {
    Bot bot = newBot();
    TelegramOutcome outcome = call(bot, "getMe", null);
    assertThat(outcome).isInstanceOf(TelegramOutcome.Ok.class);
    JsonObject me = ((TelegramOutcome.Ok) outcome).object();
    assertThat(me.getLong("id")).isEqualTo(bot.id);
    assertThat(me.getBoolean("is_bot")).isTrue();
    assertThat(me.getString("username")).isEqualTo("bot" + bot.id + "_bot");
    assertThat(outcome.describe()).isEqualTo("ok");
    assertThat(telegram.calls(bot.id, "getMe")).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(200));
  }

  @Test
  void okWithArrayAndBooleanResults() {
    Bot bot = newBot();
    JsonArray commands = new JsonArray().add(new JsonObject().put("command", "start").put("description", "Say hello"));
    TelegramOutcome set = call(bot, "setMyCommands", new JsonObject().put("commands", commands));
    assertThat(((TelegramOutcome.Ok) set).bool()).isTrue();
    TelegramOutcome got = call(bot, "getMyCommands", new JsonObject());
    assertThat(((TelegramOutcome.Ok) got).array()).isEqualTo(commands);
    assertThat(((TelegramOutcome.Ok) got).object()).isNull();
  }

  @Test
  void revokedTokenIsRejectedWith401() {
    Bot bot = newBot();
    telegram.revoke(bot.token);
    TelegramOutcome outcome = call(bot, "getMe", null);
    assertThat(outcome).isEqualTo(new TelegramOutcome.TokenRejected(401, "Unauthorized"));
    assertThat(outcome.describe()).isEqualTo("Telegram rejected the token (401: Unauthorized)");
  }

  @Test
  void notFoundIsATokenRejection() {
    Bot bot = newBot();
    telegram.when("getMe").forBot(bot.id).times(1).then(DoubleFault.notFound());
    assertThat(call(bot, "getMe", null)).isEqualTo(new TelegramOutcome.TokenRejected(404, "Not Found"));
    // An unknown method is a 404 too: callers only send the methods they know.
    assertThat(call(bot, "getNothingAtAll", null).kind()).isEqualTo(TelegramOutcome.Kind.TOKEN_REJECTED);
  }

  @Test
  void tooManyRequestsCarriesRetryAfter() {
    Bot bot = newBot();
    telegram.when("sendMessage").forBot(bot.id).times(1).then(DoubleFault.retryAfter(7));
    telegram.when("getMe").forBot(bot.id).times(1).then(DoubleFault.error(429, "Too Many Requests: retry after 9"));
    telegram.when("getMyCommands").forBot(bot.id).times(1).then(DoubleFault.error(429, "Too Many Requests"));
    assertThat(call(bot, "sendMessage", new JsonObject().put("chat_id", 1).put("text", "hi")))
      .isEqualTo(new TelegramOutcome.RetryAfter(7, "Too Many Requests: retry after 7"));
    assertThat(call(bot, "getMe", null)).isEqualTo(new TelegramOutcome.RetryAfter(9, "Too Many Requests: retry after 9"));
    assertThat(call(bot, "getMyCommands", null))
      .isEqualTo(new TelegramOutcome.RetryAfter(TelegramAnswers.DEFAULT_RETRY_AFTER, "Too Many Requests"));
  }

  @Test
  void setWebhookTwiceInASecondIsTelegramsOwn429() {
    telegram.allowHttpWebhooks();
    Bot bot = newBot();
    JsonObject params = new JsonObject().put("url", "http://127.0.0.1:9/telegram/webhook/1");
    assertThat(call(bot, "setWebhook", params).isOk()).isTrue();
    assertThat(call(bot, "setWebhook", params)).isEqualTo(new TelegramOutcome.RetryAfter(1, "Too Many Requests: retry after 1"));
  }

  @Test
  void blockedChatIs403() {
    Bot bot = newBot();
    telegram.addChat(bot.id, new JsonObject().put("id", 5551234L).put("type", "private").put("first_name", "Ann"));
    telegram.block(bot.id, 5551234L);
    TelegramOutcome outcome = call(bot, "sendMessage", new JsonObject().put("chat_id", 5551234L).put("text", "hello"));
    assertThat(outcome).isEqualTo(new TelegramOutcome.Blocked("Forbidden: bot was blocked by the user"));
  }

  @Test
  void badRequestKeepsTelegramsDescription() {
    Bot bot = newBot();
    TelegramOutcome outcome = call(bot, "sendMessage", new JsonObject().put("chat_id", 42).put("text", "hello"));
    assertThat(outcome).isEqualTo(new TelegramOutcome.BadRequest(400, "Bad Request: chat not found"));
    assertThat(outcome.describe()).isEqualTo("Telegram refused the request (400: Bad Request: chat not found)");
  }

  @Test
  void badRequestCarriesMigrateToChatId() {
    Bot bot = newBot();
    telegram.when("sendMessage").forBot(bot.id).times(1).then(DoubleFault.json(400, new JsonObject().put("ok", false)
      .put("error_code", 400).put("description", "Bad Request: group chat was upgraded to a supergroup chat")
      .put("parameters", new JsonObject().put("migrate_to_chat_id", -1001234567890L))));
    TelegramOutcome outcome = call(bot, "sendMessage", new JsonObject().put("chat_id", -42).put("text", "hi"));
    assertThat(outcome).isEqualTo(new TelegramOutcome.BadRequest(400,
      "Bad Request: group chat was upgraded to a supergroup chat", -1001234567890L));
  }

  @Test
  void otherClientErrorsAreBadRequests() {
    Bot bot = newBot();
    telegram.when("getMe").forBot(bot.id).times(1).then(DoubleFault.error(413, "Request Entity Too Large"));
    assertThat(call(bot, "getMe", null)).isEqualTo(new TelegramOutcome.BadRequest(413, "Request Entity Too Large"));
  }

  @Test
  void getUpdatesWhileAWebhookIsSetIsAConflict() {
    telegram.allowHttpWebhooks();
    Bot bot = newBot();
    assertThat(call(bot, "setWebhook", new JsonObject().put("url", "http://127.0.0.1:9/hook")).isOk()).isTrue();
    assertThat(call(bot, "getUpdates", new JsonObject())).isEqualTo(new TelegramOutcome.Conflict(DoubleMethods.WEBHOOK_ACTIVE));
  }

  @Test
  void serverErrorInJsonIsPassing() {
    Bot bot = newBot();
    telegram.when("getMe").forBot(bot.id).times(1).then(DoubleFault.internalError());
    assertThat(call(bot, "getMe", null))
      .isEqualTo(new TelegramOutcome.Passing("Telegram answered error 500 (Internal Server Error)"));
    assertThat(call(bot, "getMe", null).isOk()).isTrue();
  }

  @Test
  void nginxBadGatewayPageIsPassing() {
    Bot bot = newBot();
    telegram.when("getMe").forBot(bot.id).times(1).then(DoubleFault.badGateway());
    TelegramOutcome outcome = call(bot, "getMe", null);
    assertThat(outcome).isEqualTo(new TelegramOutcome.Passing("Telegram answered HTTP 502"));
    assertThat(outcome.describe()).isEqualTo("Telegram answered HTTP 502");
  }

  @Test
  void successWithoutBotApiJsonIsPassing() {
    Bot bot = newBot();
    telegram.when("getMe").forBot(bot.id).times(1).then(DoubleFault.json(200, new JsonObject().put("hello", "world")));
    assertThat(call(bot, "getMe", null)).isEqualTo(new TelegramOutcome.Passing("Telegram answered HTTP 200 without Bot API JSON"));
  }

  @Test
  void redirectsAreNotFollowed() {
    Bot bot = newBot();
    // Were it followed, the redirect would reach the double again and be recorded as a second call.
    telegram.when("getMe").forBot(bot.id).times(1).then(DoubleFault.redirect(telegram.apiUrl() + "/bot" + bot.token + "/getMe"));
    assertThat(call(bot, "getMe", null)).isEqualTo(new TelegramOutcome.Passing("Telegram answered HTTP 302"));
    assertThat(telegram.calls(bot.id, "getMe")).hasSize(1);
  }

  // ---- no answer --------------------------------------------------------------------------------

  @Test
  void slowerThanTheTimeoutIsPassingWithinAboutTheTimeout() {
    Bot bot = newBot();
    telegram.when("getMe").forBot(bot.id).times(1).then(DoubleFault.slow(5_000));
    long started = System.nanoTime();
    TelegramOutcome outcome = call(bot.token, "getMe", null, 500);
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    assertThat(outcome).isEqualTo(new TelegramOutcome.Passing("Telegram did not answer within 500 ms"));
    assertThat(tookMs).isBetween(450L, 2_500L);
  }

  @Test
  void slowButWithinTheTimeoutIsOk() {
    Bot bot = newBot();
    telegram.when("getMe").forBot(bot.id).times(1).then(DoubleFault.slow(300));
    assertThat(call(bot.token, "getMe", null, 3_000).isOk()).isTrue();
  }

  @Test
  void noAnswerAtAllIsPassing() {
    Bot bot = newBot();
    telegram.when("getMe").forBot(bot.id).times(1).then(DoubleFault.hang());
    long started = System.nanoTime();
    assertThat(call(bot.token, "getMe", null, 700)).isEqualTo(new TelegramOutcome.Passing("Telegram did not answer within 700 ms"));
    assertThat((System.nanoTime() - started) / 1_000_000).isBetween(650L, 2_700L);
    assertThat(telegram.calls(bot.id, "getMe")).singleElement().satisfies(c -> assertThat(c.answered()).isFalse());
  }

  @Test
  void connectionClosedWithoutAnswerIsPassing() {
    Bot bot = newBot();
    telegram.when("getMe").forBot(bot.id).times(1).then(DoubleFault.closeConnection());
    assertThat(call(bot, "getMe", null).kind()).isEqualTo(TelegramOutcome.Kind.PASSING);
    assertThat(call(bot, "getMe", null).isOk()).isTrue();
  }

  @Test
  void telegramDownIsPassingAtOnceAndUpAgainWorks() {
    Bot bot = newBot();
    assertThat(call(bot, "getMe", null).isOk()).isTrue();
    telegram.down().await();
    long started = System.nanoTime();
    // Pooled keep-alive connections may be found closed first (one per earlier concurrent call);
    // once they are gone, a new one is refused.
    TelegramOutcome.Passing refused = new TelegramOutcome.Passing("could not connect to Telegram");
    TelegramOutcome.Passing cut = new TelegramOutcome.Passing("Telegram closed the connection before answering");
    TelegramOutcome outcome = call(bot.token, "getMe", null, 10_000);
    for (int i = 0; i < 10 && outcome.equals(cut); i++) {
      outcome = call(bot.token, "getMe", null, 10_000);
    }
    assertThat(outcome).isEqualTo(refused);
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000L);
    telegram.up().await();
    assertThat(call(bot, "getMe", null).isOk()).isTrue();
  }

  // ---- answers that must not be waited for ----------------------------------------------------------

  /** A server answering 64 MiB, chunked: read no further than the cap, the connection closed there, the client fine after. */
  @Test
  void aHugeAnswerIsCutAtTheCapAndItsConnectionClosed() {
    Bot bot = newBot();
    DoubleFault huge = DoubleFault.huge(64L << 20, false);
    telegram.when("getWebhookInfo").forBot(bot.id).times(1).then(huge);
    long started = System.nanoTime();
    assertThat(call(bot, "getWebhookInfo", null))
      .isEqualTo(new TelegramOutcome.Passing("Telegram's answer was larger than " + MAX_ANSWER + " bytes"));
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000L);
    // What the double got out before the cut: the cap, and what the sockets' buffers hold beyond it.
    assertThat(huge.awaitCut(java.time.Duration.ofSeconds(5))).isLessThan(16L << 20);
    assertThat(call(bot, "getWebhookInfo", null).isOk()).isTrue();
  }

  /** The same with its length declared: refused on the header, before the body is read. */
  @Test
  void aHugeDeclaredAnswerIsRefusedBeforeItsBody() {
    Bot bot = newBot();
    DoubleFault huge = DoubleFault.huge(64L << 20, true);
    telegram.when("getWebhookInfo").forBot(bot.id).times(1).then(huge);
    assertThat(call(bot, "getWebhookInfo", null))
      .isEqualTo(new TelegramOutcome.Passing("Telegram's answer was larger than " + MAX_ANSWER + " bytes"));
    assertThat(huge.awaitCut(java.time.Duration.ofSeconds(5))).isLessThan(16L << 20);
    assertThat(call(bot, "getWebhookInfo", null).isOk()).isTrue();
  }

  /**
   * A server that answers one byte every 50 ms is never silent for a whole timeout, and would take
   * minutes: the call ends at its deadline, and so does the connection.
   */
  @Test
  void aTrickledAnswerEndsAtTheDeadlineWithItsConnection() {
    Bot bot = newBot();
    DoubleFault trickle = DoubleFault.trickle(10_000, 50);
    telegram.when("getWebhookInfo").forBot(bot.id).times(1).then(trickle);
    long started = System.nanoTime();
    assertThat(call(bot.token, "getWebhookInfo", null, 1_000))
      .isEqualTo(new TelegramOutcome.Passing("Telegram did not answer within 1000 ms"));
    assertThat((System.nanoTime() - started) / 1_000_000).isBetween(950L, 3_000L);
    trickle.awaitCut(java.time.Duration.ofSeconds(3));
    assertThat(trickle.written()).as("bytes trickled out before the cut").isGreaterThan(5).isLessThan(100);
    assertThat(call(bot, "getWebhookInfo", null).isOk()).isTrue();
  }

  // ---- refused before sending ---------------------------------------------------------------------

  @Test
  void malformedTokensAreRefusedWithoutARequest() {
    long id = IDS.incrementAndGet();
    String secret = "AAbcdefghijklmnopqrstuvwxyz0123456789";
    List<String> bad = new ArrayList<>(List.of("", "abc", id + ":short", ":" + secret, id + secret,
      id + ":" + secret + "/../getMe", id + ":" + secret + "?x=1", id + ":" + secret + "\n", id + ":" + secret + "#",
      "12345678901234567890:" + secret, id + ":" + secret.replace('A', '\u0410'), id + ":" + secret + "%2F"));
    bad.add(null);
    for (String token : bad) {
      TelegramOutcome outcome = call(token, "getMe", null, TIMEOUT_MS);
      assertThat(outcome).as(String.valueOf(token)).isEqualTo(new TelegramOutcome.TokenRejected(0, "not a well-formed bot token"));
    }
    Bot bot = newBot();
    for (String method : new String[] {"", "getMe/../x", "get Me", "getMe?x=1", "..", "sendMessage\r\n"}) {
      assertThat(call(bot, method, null)).isEqualTo(new TelegramOutcome.BadRequest(0, "not a Bot API method name"));
    }
    assertThat(telegram.calls()).isEmpty();
  }

  @Test
  void parametersThatAreNotJsonAreRefusedWithoutARequest() {
    Bot bot = newBot();
    assertThat(call(bot, "sendMessage", new JsonObject().put("chat_id", 1).put("text", new Object())))
      .isEqualTo(new TelegramOutcome.BadRequest(0, "parameters that cannot be sent as JSON"));
    assertThat(telegram.calls()).isEmpty();
  }

  @Test
  void descriptionsAreShortPrintableAndNeverHoldTheToken() {
    Bot bot = newBot();
    String noisy = "Bad Request: \u0000bad\u202Etext\n" + "x".repeat(500) + " " + bot.token;
    telegram.when("getMe").forBot(bot.id).times(1).then(DoubleFault.error(400, noisy));
    telegram.when("getMyCommands").forBot(bot.id).times(1).then(DoubleFault.badRequest("token " + bot.token + " was bad"));
    TelegramOutcome.BadRequest first = (TelegramOutcome.BadRequest) call(bot, "getMe", null);
    assertThat(first.description()).startsWith("Bad Request: badtextxxx").hasSizeLessThanOrEqualTo(200).endsWith("\u2026")
      .doesNotContain("\u0000", "\u202E", "\n");
    assertThat(first.describe()).hasSizeLessThanOrEqualTo(200);
    TelegramOutcome.BadRequest second = (TelegramOutcome.BadRequest) call(bot, "getMyCommands", null);
    assertThat(second.description()).isEqualTo("Bad Request: token <token> was bad");
  }

  @Test
  void manyConcurrentCallsShareASmallPool() {
    Bot bot = newBot();
    List<Future<TelegramOutcome>> calls = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      calls.add(client.call(bot.token, "getMe", null));
    }
    List<TelegramOutcome> results = Future.all(calls).await().list();
    assertThat(results).hasSize(30).allSatisfy(o -> assertThat(o.isOk()).isTrue());
    assertThat(telegram.calls(bot.id, "getMe")).hasSize(30);
  }

  @Test
  void aCallThatTimedOutWaitingForAConnectionIsNeverSentLater(Vertx vertx) {
    Bot holder = newBot();
    Bot waiter = newBot();
    telegram.when("getMe").forBot(holder.id).times(1).then(DoubleFault.hang());
    TelegramClient single = new TelegramClient(vertx, options(telegram.apiUrl(), 1));
    try {
      Future<TelegramOutcome> held = single.call(holder.token, "getMe", null, 1_500);
      telegram.awaitCalls(holder.id, "getMe", 1, java.time.Duration.ofSeconds(5));
      assertThat(single.call(waiter.token, "getMyCommands", new JsonObject().put("n", 1), 300).await())
        .isEqualTo(new TelegramOutcome.Passing("Telegram did not answer within 300 ms"));
      assertThat(held.await()).isEqualTo(new TelegramOutcome.Passing("Telegram did not answer within 1500 ms"));
      // Once the connection is free, a new call goes out; the one given up on must not have gone before it.
      assertThat(single.call(waiter.token, "getMyCommands", new JsonObject().put("n", 2), 5_000).await().isOk()).isTrue();
      assertThat(telegram.calls(waiter.id, "getMyCommands")).extracting(c -> c.body().getInteger("n")).containsExactly(2);
    } finally {
      single.close();
    }
  }

  @Test
  void optionsAreChecked() {
    for (String url : new String[] {null, "", "api.telegram.org", "ftp://api.telegram.org", "https://api.telegram.org?x=1",
      "https://user:pw@api.telegram.org", "https:///nohost"}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TelegramClient.Options(url, 1000, 4, MAX_ANSWER, true))
        .as(String.valueOf(url)).isInstanceOf(IllegalArgumentException.class);
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TelegramClient.Options("https://api.telegram.org", 0, 4,
      MAX_ANSWER, false)).isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TelegramClient.Options("https://api.telegram.org", 1000, 0,
      MAX_ANSWER, false)).isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TelegramClient.Options("https://api.telegram.org", 1000, 4,
      100, false)).isInstanceOf(IllegalArgumentException.class);
    // The token is in every URL: plain http only when allowed (a double on the loopback).
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TelegramClient.Options(telegram.apiUrl(), 1000, 4,
      MAX_ANSWER, false)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    assertThat(new TelegramClient.Options("https://api.telegram.org", 1000, 4, MAX_ANSWER, false).apiUrl())
      .isEqualTo("https://api.telegram.org");
  }

  @Test
  void aPathPrefixInTheApiUrlIsKept(Vertx vertx) {
    Bot bot = newBot();
    TelegramClient prefixed = new TelegramClient(vertx, options(telegram.apiUrl() + "/proxy/", 2));
    try {
      // The double serves /bot{token}/{method} only: under a prefix it answers what api.telegram.org
      // answers to any unknown path, and records no call.
      assertThat(prefixed.call(bot.token, "getMe", null).await()).isEqualTo(new TelegramOutcome.TokenRejected(404, "Not Found"));
      assertThat(telegram.calls()).isEmpty();
    } finally {
      prefixed.close();
    }
  }

  // ---- the token is nowhere -------------------------------------------------------------------------

  @Test
  void noLogLineAndNoOutcomeEverHoldsTheToken() {
    LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Map<Logger, Level> levels = new HashMap<>();
    for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "io.vertx", "io.netty", "io.botfactory")) {
      Logger logger = logging.getLogger(name);
      levels.put(logger, logger.getLevel());
      logger.setLevel(Level.DEBUG);
    }
    List<Appender<ILoggingEvent>> console = new ArrayList<>();
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      console.add(it.next());
    }
    console.forEach(root::detachAppender);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.setContext(logging);
    captured.start();
    root.addAppender(captured);
    try {
      // Vert.x and Netty log through SLF4J into this appender: each framework's own logger proves it.
      io.vertx.core.internal.logging.LoggerFactory.getLogger("io.vertx.probe").debug("vertx probe");
      io.netty.util.internal.logging.InternalLoggerFactory.getInstance("io.netty.probe").debug("netty probe");
      okWithAnObjectResult();
      okWithArrayAndBooleanResults();
      revokedTokenIsRejectedWith401();
      notFoundIsATokenRejection();
      tooManyRequestsCarriesRetryAfter();
      blockedChatIs403();
      badRequestKeepsTelegramsDescription();
      badRequestCarriesMigrateToChatId();
      getUpdatesWhileAWebhookIsSetIsAConflict();
      serverErrorInJsonIsPassing();
      nginxBadGatewayPageIsPassing();
      successWithoutBotApiJsonIsPassing();
      redirectsAreNotFollowed();
      slowerThanTheTimeoutIsPassingWithinAboutTheTimeout();
      noAnswerAtAllIsPassing();
      connectionClosedWithoutAnswerIsPassing();
      telegramDownIsPassingAtOnceAndUpAgainWorks();
      aHugeDeclaredAnswerIsRefusedBeforeItsBody();
      aTrickledAnswerEndsAtTheDeadlineWithItsConnection();
      malformedTokensAreRefusedWithoutARequestAfterReset();
      descriptionsAreShortPrintableAndNeverHoldTheToken();
    } finally {
      root.detachAppender(captured);
      console.forEach(root::addAppender);
      levels.forEach(Logger::setLevel);
    }

    List<ILoggingEvent> events = List.copyOf(captured.list);
    assertThat(events).as("the client's own debug lines were captured")
      .anyMatch(e -> e.getLoggerName().equals(TelegramClient.class.getName()) && e.getFormattedMessage().startsWith("getMe -> OK in "));
    assertThat(events).as("Vert.x's and Netty's debug lines reach the capture")
      .anyMatch(e -> e.getLoggerName().equals("io.vertx.probe") && e.getFormattedMessage().equals("vertx probe"))
      .anyMatch(e -> e.getLoggerName().equals("io.netty.probe") && e.getFormattedMessage().equals("netty probe"));
    assertThat(events).as("nothing the client cut short (a reset, a closed connection) is an unhandled error")
      .noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR));
    assertThat(outcomes).hasSizeGreaterThan(20);
    assertThat(tokens).hasSizeGreaterThan(10);

    List<String> texts = new ArrayList<>();
    for (ILoggingEvent e : events) {
      texts.add(e.getLoggerName() + " " + e.getFormattedMessage());
      texts.add(String.valueOf(e.getMDCPropertyMap()));
      if (e.getArgumentArray() != null) {
        for (Object arg : e.getArgumentArray()) {
          texts.add(String.valueOf(arg));
        }
      }
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        texts.add(t.getClassName() + ": " + t.getMessage());
        for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
          texts.add(frame.getSTEAsString());
        }
        for (IThrowableProxy suppressed : t.getSuppressed()) {
          texts.add(suppressed.getClassName() + ": " + suppressed.getMessage());
        }
      }
    }
    synchronized (outcomes) {
      outcomes.forEach(o -> {
        texts.add(o.describe());
        texts.add(o.toString());
      });
    }
    synchronized (tokens) {
      for (String token : tokens) {
        String secret = token.substring(token.indexOf(':') + 1);
        assertThat(texts).as("no text holds a token's secret").noneMatch(text -> text.contains(secret));
      }
    }
  }

  /** The malformed-token case within the leak run: the double has seen calls by then, so it is reset first. */
  private void malformedTokensAreRefusedWithoutARequestAfterReset() {
    telegram.reset();
    malformedTokensAreRefusedWithoutARequest();
  }
}

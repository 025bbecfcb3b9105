package io.botfactory.telegram;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A Telegram Bot API server for tests: a Vert.x HTTP server on 127.0.0.1 answering {@code
 * /bot{token}/{method}} as api.telegram.org does (shapes, status codes, description texts and
 * checks taken from telegram-bot-api's source), for getMe, setWebhook, deleteWebhook,
 * getWebhookInfo, setMyCommands, deleteMyCommands, getMyCommands, sendMessage and getUpdates.
 * Every call is recorded; faults can be injected; updates can be delivered to a bot's webhook or
 * queued for getUpdates.
 *
 * <p>Where it differs from Telegram, on purpose:
 * <ul>
 *   <li>{@link #allowHttpWebhooks()} accepts {@code http://} webhook URLs on any port (Telegram
 *       wants https on 443, 80, 88 or 8443), for services under test on 127.0.0.1;</li>
 *   <li>setWebhook answers at once: Telegram first connects to the URL;</li>
 *   <li>updates are never pushed by themselves: {@link #deliver} and {@link #flushToWebhook} do it
 *       when the test says so, once (Telegram retries);</li>
 *   <li>a repeated 409 is not delayed 3 s, and a long poll answers as soon as an update is queued;</li>
 *   <li>sendMessage reaches the chats the bot has seen in an update (or {@link #addChat}), like a
 *       real bot, unless {@link #acceptAnyChat(boolean)}; no flood control unless injected or
 *       turned on ({@link #floodControl(boolean)}).</li>
 * </ul>
 * Test-facing methods may be called from any thread but an event loop's ({@code awaitCalls} blocks).
 */
public final class TelegramDouble {

  private static final String SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final DoubleState state = new DoubleState();
  private final DoubleMethods methods;
  private final DoubleWebhooks webhooks;
  private final DoubleHttp http;
  private volatile HttpServer server;
  private volatile int port;

  private TelegramDouble(Vertx vertx) {
    this.vertx = vertx;
    this.methods = new DoubleMethods(vertx, state);
    this.webhooks = new DoubleWebhooks(vertx, state);
    this.http = new DoubleHttp(vertx, state, methods, new DoubleControl(this));
  }

  /** A double on a free port of 127.0.0.1. */
  public static Future<TelegramDouble> start(Vertx vertx) {
    return start(vertx, 0);
  }

  /** A double on {@code port} of 127.0.0.1 (0: a free one). */
  public static Future<TelegramDouble> start(Vertx vertx, int port) {
    TelegramDouble telegram = new TelegramDouble(vertx);
    return telegram.listen(port).map(telegram);
  }

  public int port() {
    return port;
  }

  /** The value for BOTFACTORY_TELEGRAM_API_URL. */
  public String apiUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Stops listening: clients get "connection refused" until {@link #up()}; open requests are cut. */
  public Future<Void> down() {
    HttpServer s = server;
    server = null;
    return s == null ? Future.succeededFuture() : s.close();
  }

  /** Listens again, on the same port. */
  public Future<Void> up() {
    return server != null ? Future.succeededFuture() : listen(port).mapEmpty();
  }

  public Future<Void> close() {
    synchronized (state) {
      state.bots.values().stream().filter(b -> b.poll != null).forEach(b -> vertx.cancelTimer(b.poll.timerId()));
    }
    webhooks.close();
    return down();
  }

  private Future<HttpServer> listen(int wanted) {
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(wanted).setReuseAddress(true))
      .requestHandler(http).listen()
      .onSuccess(s -> {
        server = s;
        port = s.actualPort();
      });
  }

  // ---- modes ------------------------------------------------------------------------------------

  /** Lenient: any well-formed token opens a bot whose id is its numeric part ({@code bot<id>_bot}), unless revoked or the id was added with its own token. */
  public TelegramDouble acceptAnyWellFormedToken(boolean lenient) {
    synchronized (state) {
      state.lenient = lenient;
    }
    return this;
  }

  /** Accepts http:// webhook URLs on any port (a deviation from Telegram, for services on 127.0.0.1). */
  public TelegramDouble allowHttpWebhooks() {
    synchronized (state) {
      state.allowHttpWebhooks = true;
    }
    return this;
  }

  /** Lets sendMessage reach any numeric chat id, not only chats seen in an update. */
  public TelegramDouble acceptAnyChat(boolean any) {
    synchronized (state) {
      state.acceptAnyChat = any;
    }
    return this;
  }

  /**
   * Telegram's flood control on sendMessage (off by default): more than 30 messages a second from
   * a bot, one a second to a private chat or 20 a minute to a group get a 429 with retry_after.
   */
  public TelegramDouble floodControl(boolean on) {
    synchronized (state) {
      state.floodControl = on ? new DoubleFloodControl() : null;
    }
    return this;
  }

  /** How many sendMessage calls flood control answered 429 so far. */
  public long floodLimited() {
    synchronized (state) {
      return state.floodControl == null ? 0 : state.floodControl.limited();
    }
  }

  /** Telegram answers a second non-empty setWebhook within a second with 429, retry_after 1 (on by default). */
  public TelegramDouble limitSetWebhookRate(boolean limit) {
    synchronized (state) {
      state.limitSetWebhookRate = limit;
    }
    return this;
  }

  // ---- bots -------------------------------------------------------------------------------------

  /** Adds a bot (or a token for it) and answers a new valid token; only its listed tokens open it. */
  public String addBot(long id, String username) {
    String token = id + ":AA" + secret(33);
    addToken(token, username);
    return token;
  }

  public String addBot(long id) {
    return addBot(id, "bot" + id + "_bot");
  }

  /** Makes {@code token} (well-formed) valid for its bot, named {@code username}. */
  public void addToken(String token, String username) {
    long id = DoubleState.botId(token);
    if (id == 0) {
      throw new IllegalArgumentException("not a well-formed token");
    }
    synchronized (state) {
      DoubleBot bot = state.bot(id);
      bot.pinned = true;
      bot.tokens.add(token);
      bot.username = username;
      state.revoked.remove(token);
    }
  }

  /** As @BotFather's /revoke: every token of the bot stops working (401), and a new one is answered. */
  public String newToken(long botId) {
    synchronized (state) {
      DoubleBot bot = state.bot(botId);
      state.revoked.addAll(bot.tokens);
      bot.tokens.clear();
      String token = botId + ":AA" + secret(33);
      bot.tokens.add(token);
      bot.pinned = true;
      return token;
    }
  }

  /** This token answers 401 from now on. */
  public void revoke(String token) {
    synchronized (state) {
      state.revoked.add(token);
      DoubleBot bot = state.bots.get(DoubleState.botId(token));
      if (bot != null) {
        bot.tokens.remove(token);
      }
    }
  }

  public void rename(long botId, String username) {
    synchronized (state) {
      state.bot(botId).username = username;
    }
  }

  public String username(long botId) {
    synchronized (state) {
      return state.bot(botId).username;
    }
  }

  // ---- recording --------------------------------------------------------------------------------

  public List<DoubleCall> calls() {
    synchronized (state) {
      return List.copyOf(state.calls);
    }
  }

  /** The calls of one method (any spelling: names are case-insensitive). */
  public List<DoubleCall> calls(String method) {
    return calls().stream().filter(c -> c.method().equalsIgnoreCase(method)).toList();
  }

  public List<DoubleCall> calls(long botId, String method) {
    return calls(method).stream().filter(c -> c.botId() == botId).toList();
  }

  /** Waits until at least {@code n} recorded calls match; answers them, or fails after {@code timeout}. */
  public List<DoubleCall> awaitCalls(Predicate<DoubleCall> which, int n, Duration timeout) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("awaitCalls blocks: not on an event loop");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (state) {
      while (true) {
        List<DoubleCall> found = state.calls.stream().filter(which).toList();
        long left = deadline - System.nanoTime();
        if (found.size() >= n) {
          return found;
        }
        if (left <= 0) {
          throw new AssertionError("expected " + n + " matching calls to the Telegram double within " + timeout
            + ", saw " + found.size() + " among " + state.calls);
        }
        try {
          state.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
    }
  }

  public List<DoubleCall> awaitCalls(long botId, String method, int n, Duration timeout) {
    return awaitCalls(c -> c.botId() == botId && c.method().equalsIgnoreCase(method), n, timeout);
  }

  /** Forgets the recorded calls and the injected faults (bots, webhooks and chats stay). */
  public void reset() {
    synchronized (state) {
      state.clearCalls();
      state.faults.clear();
    }
  }

  /** {@code {"calls": n, "by_method": {...}, "by_status": {...}}} since the last reset; status "0" counts calls not answered (yet). */
  public JsonObject stats() {
    synchronized (state) {
      return new JsonObject().put("calls", state.byMethod.values().stream().mapToLong(Long::longValue).sum())
        .put("by_method", new JsonObject(new java.util.LinkedHashMap<>(state.byMethod)))
        .put("by_status", new JsonObject(new java.util.LinkedHashMap<>(state.byStatus)));
    }
  }

  /** The messages sendMessage accepted after {@code since} (their own seq), at most {@code limit}: see {@link SentLog#after}. */
  public JsonObject sentAfter(long since, int limit) {
    synchronized (state) {
      return state.sentLog.after(since, Math.min(Math.max(limit, 1), 100_000));
    }
  }

  // ---- faults -----------------------------------------------------------------------------------

  /** Starts a fault rule for {@code method} ("*" for all): {@code when("getMe").forBot(7).times(1).then(DoubleFault.internalError())}. */
  public FaultRule.Builder when(String method) {
    return new FaultRule.Builder(state, method);
  }

  public void clearFaults() {
    synchronized (state) {
      state.faults.clear();
    }
  }

  // ---- webhooks, updates, chats -------------------------------------------------------------------

  /** The bot's webhook as set with setWebhook (url "" when none). */
  public record Webhook(String url, String secret, List<String> allowedUpdates, int maxConnections,
                        int pendingUpdateCount, long lastErrorDate, String lastErrorMessage) {
  }

  /** One delivery to a webhook: the update's id, the HTTP status (0: no answer) and the body answered. */
  public record Delivery(long updateId, int status, String body) {
  }

  public Webhook webhook(long botId) {
    synchronized (state) {
      DoubleBot bot = state.bot(botId);
      return new Webhook(bot.webhookUrl, bot.webhookSecret,
        UpdateTypes.toJson(bot.allowedUpdates).stream().map(String.class::cast).toList(), bot.maxConnections,
        bot.pending.size(), bot.lastErrorDate, bot.lastErrorMessage);
    }
  }

  /** POSTs {@code update} (given an update_id when it has none) to the bot's webhook, with its secret header. */
  public Future<Delivery> deliver(long botId, JsonObject update) {
    return webhooks.deliver(botId, update.copy());
  }

  /** Delivers the queued updates to the webhook in order, removing each one answered 2xx; stops at the first that is not. */
  public Future<List<Delivery>> flushToWebhook(long botId) {
    return webhooks.flush(botId);
  }

  /** Queues an update for getUpdates (numbered when it has no update_id); answers its update_id, or -1 when its type is not in the bot's allowed_updates. */
  public long queueUpdate(long botId, JsonObject update) {
    JsonObject copy = update.copy();
    synchronized (state) {
      DoubleBot bot = state.bot(botId);
      long updateId = bot.number(copy);
      bot.learnChats(copy);
      if (!bot.queue(copy)) {
        return -1;
      }
      methods.wakeUp(bot);
      return updateId;
    }
  }

  public int pendingUpdates(long botId) {
    synchronized (state) {
      return state.bot(botId).pending.size();
    }
  }

  /** Lets the bot send to this chat (a Telegram Chat object with at least id and type). */
  public void addChat(long botId, JsonObject chat) {
    synchronized (state) {
      state.bot(botId).chats.put(chat.getLong("id"), chat.copy());
    }
  }

  /** The user blocked the bot: sendMessage to the chat answers 403 until {@link #unblock}. */
  public void block(long botId, long chatId) {
    synchronized (state) {
      state.bot(botId).blocked.add(chatId);
    }
  }

  public void unblock(long botId, long chatId) {
    synchronized (state) {
      state.bot(botId).blocked.remove(chatId);
    }
  }

  /** The texts the bot sent to the chat, in order. */
  public List<String> sent(long botId, long chatId) {
    synchronized (state) {
      return state.bot(botId).sentTo(chatId);
    }
  }

  /** The bot's commands for the default scope and no language, as getMyCommands answers them. */
  public JsonArray commands(long botId) {
    synchronized (state) {
      return state.bot(botId).commands.getOrDefault(DoubleCommands.key(new JsonObject()), new JsonArray()).copy();
    }
  }

  private static String secret(int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(SECRET_CHARS.charAt(RANDOM.nextInt(SECRET_CHARS.length())));
    }
    return s.toString();
  }

  /**
   * Runs the double as its own process: {@code [--port=N | N] [--lenient] [--allow-http-webhooks]
   * [--any-chat] [--flood-control]} (port 8081 by default). Stop it with Ctrl-C.
   */
  public static void main(String[] args) {
    int port = 8081;
    boolean lenient = false;
    boolean http = false;
    boolean anyChat = false;
    boolean flood = false;
    for (String arg : args) {
      switch (arg.toLowerCase(Locale.ROOT)) {
        case "--lenient" -> lenient = true;
        case "--allow-http-webhooks" -> http = true;
        case "--any-chat" -> anyChat = true;
        case "--flood-control" -> flood = true;
        default -> {
          if (!arg.matches("(--port=)?[0-9]{1,5}")) {
            System.err.println("usage: TelegramDouble [--port=N] [--lenient] [--allow-http-webhooks] [--any-chat] [--flood-control]");
            System.exit(2);
          }
          port = Integer.parseInt(arg.replace("--port=", ""));
        }
      }
    }
    TelegramDouble telegram = start(Vertx.vertx(), port).await();
    telegram.acceptAnyWellFormedToken(lenient).acceptAnyChat(anyChat).floodControl(flood);
    if (http) {
      telegram.allowHttpWebhooks();
    }
    System.out.println("Telegram Bot API double on " + telegram.apiUrl() + " (lenient " + lenient
      + ", http webhooks " + http + ", any chat " + anyChat + ", flood control " + flood + "); control API under /_double/");
  }
}

package io.botfactory.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real HTTP client for the API, in blocking style ({@code await()} on the test thread) so each
 * test reads as the sequence of calls a user makes.
 */
public final class Api {

  private static final AtomicLong TELEGRAM_IDS = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000_000L, 8_000_000_000L));

  public final WebClient client;
  private final int port;

  public Api(Vertx vertx, int port) {
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
      new PoolOptions().setHttp1MaxSize(64));
    this.port = port;
  }

  public int port() {
    return port;
  }

  public HttpRequest<Buffer> request(HttpMethod method, String path, String token) {
    HttpRequest<Buffer> request = client.request(method, path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return request;
  }

  public HttpResponse<Buffer> get(String path, String token) {
    return request(HttpMethod.GET, path, token).send().await();
  }

  public HttpResponse<Buffer> post(String path, JsonObject body, String token) {
    return request(HttpMethod.POST, path, token).sendJsonObject(body).await();
  }

  public HttpResponse<Buffer> patch(String path, JsonObject body, String token) {
    return request(HttpMethod.PATCH, path, token).sendJsonObject(body).await();
  }

  public HttpResponse<Buffer> delete(String path, String token) {
    return request(HttpMethod.DELETE, path, token).send().await();
  }

  public HttpResponse<Buffer> register(String email, String password, String fullName) {
    return post("/auth/register", new JsonObject().put("email", email).put("password", password).put("full_name", fullName), null);
  }

  public HttpResponse<Buffer> login(String username, String password) {
    return client.post("/auth/token").sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap()
      .add("username", username).add("password", password)).await();
  }

  /** A new registered client, logged in. */
  public Account newAccount() {
    return account("user-" + UUID.randomUUID() + "@example.com");
  }

  /** A new registered client, logged in, with a readable email ({@code ada-1f2e3d4c@example.com}) for screenshots. */
  public Account newAccount(String name) {
    return account(name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
  }

  private Account account(String email) {
    String password = "pw-" + UUID.randomUUID();
    HttpResponse<Buffer> registered = register(email, password, "Test User");
    assertThat(registered.statusCode()).as(registered.bodyAsString()).isEqualTo(201);
    HttpResponse<Buffer> login = login(email, password);
    assertThat(login.statusCode()).as(login.bodyAsString()).isEqualTo(200);
    return new Account(registered.bodyAsJsonObject().getString("id"), email, password,
      login.bodyAsJsonObject().getString("access_token"));
  }

  /** A fresh Telegram bot id no other test uses. */
  public static long telegramId() {
    return TELEGRAM_IDS.incrementAndGet();
  }

  /** A well-formed Telegram token for {@code botId}, with a random 35-character secret. */
  public static String telegramToken(long botId) {
    String secret = (UUID.randomUUID().toString().replace("-", "") + "AbCdEfGhIjK").substring(0, 35);
    return botId + ":" + secret;
  }

  /**
   * A new bot of {@code account}, once Telegram (the double) has its webhook: its {@code webhook}
   * state then no longer changes by itself, so tests may compare it whole.
   */
  public JsonObject createBot(Account account, String name) {
    HttpResponse<Buffer> created = post("/bots", new JsonObject().put("name", name).put("token", telegramToken(telegramId())),
      account.token());
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return awaitWebhook(account, created.bodyAsJsonObject().getString("id"), "active");
  }

  /** The bot as GET /bots/{id} shows it to its owner. */
  public io.vertx.core.json.JsonObject bot(Account owner, String botId) {
    HttpResponse<Buffer> r = get("/bots/" + botId, owner.token());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  /** Waits until the bot's webhook shows {@code status}; answers the bot. */
  public JsonObject awaitWebhook(Account owner, String botId, String status) {
    return Eventually.await(() -> bot(owner, botId), b -> status.equals(b.getJsonObject("webhook").getString("status")),
      java.time.Duration.ofSeconds(15), "webhook " + status);
  }

  /** A new API key of {@code account}, as POST /clients/me/api-keys answers it (the key in {@code key}). */
  public JsonObject createApiKey(Account account, String name) {
    HttpResponse<Buffer> created = post("/clients/me/api-keys", new JsonObject().put("name", name), account.token());
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject();
  }

  /** A 422's messages by field, as the API names them after "body" ({@code "token"}, {@code "commands.3.reply"}). */
  public static Map<String, String> fieldMessages(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(422);
    Map<String, String> messages = new HashMap<>();
    response.bodyAsJsonObject().getJsonArray("detail").forEach(e -> {
      JsonObject error = (JsonObject) e;
      List<String> loc = error.getJsonArray("loc").stream().skip(1).map(String::valueOf).toList();
      messages.merge(String.join(".", loc), error.getString("msg"), (a, b) -> a + " " + b);
    });
    return messages;
  }

  public record Account(String id, String email, String password, String token) {
  }
}

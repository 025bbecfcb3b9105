package io.botfactory.telegram;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The one Telegram Bot API client: {@code POST {apiUrl}/bot{token}/{method}} with a JSON body, on a
 * keep-alive pool of its own, no redirects followed, and every call bounded: a deadline for the whole
 * call (the wait for a connection, the request and every byte of the answer) and a cap on the
 * answer's size, either of which resets the request and so closes its connection
 * ({@link TelegramCall}). Every answer, and every failure, becomes a {@link TelegramOutcome}; the
 * returned future never fails.
 *
 * <p>The token is part of the URL path, and Vert.x's own exceptions name the URL (a timeout's message
 * carries the request URI). So nothing here passes an exception's message on, logs a URL, or lets a
 * description from the server through without removing the token from it: reasons are fixed sentences
 * ({@link TelegramAnswers}). The token travels only over https, unless the options allow http (a test
 * double on the loopback).
 */
public final class TelegramClient {

  private static final Logger LOG = LoggerFactory.getLogger(TelegramClient.class);

  /** What can stand in the URL path: nothing outside these characters can reach it. */
  private static final Pattern TOKEN = Pattern.compile("[0-9]{1,19}:[A-Za-z0-9_-]{30,64}");
  private static final Pattern METHOD = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");
  /** The least answer cap: Telegram's smallest answers are some hundred bytes. */
  static final int MIN_ANSWER_BYTES = 1024;

  /**
   * @param apiUrl           the Bot API server, e.g. {@code https://api.telegram.org}; an optional path
   *                         prefix, no query; https unless {@code allowHttp}
   * @param defaultTimeoutMs the deadline of a call made without one, from sending to the whole answer
   * @param maxPoolSize      at most this many connections to the server; further calls wait for one
   *                         (within their deadline)
   * @param maxAnswerBytes   the largest answer read; a larger one is not read past this and the call is
   *                         a passing failure
   * @param allowHttp        whether a plain http URL is accepted (tests; the token would travel in clear)
   */
  public record Options(String apiUrl, long defaultTimeoutMs, int maxPoolSize, int maxAnswerBytes, boolean allowHttp) {
    public Options {
      Endpoint.parse(apiUrl, allowHttp);
      if (defaultTimeoutMs <= 0) {
        throw new IllegalArgumentException("the default Telegram timeout must be positive");
      }
      if (maxPoolSize < 1) {
        throw new IllegalArgumentException("the Telegram connection pool needs at least one connection");
      }
      if (maxAnswerBytes < MIN_ANSWER_BYTES) {
        throw new IllegalArgumentException("the Telegram answer cap must be at least " + MIN_ANSWER_BYTES + " bytes");
      }
    }
  }

  private final Vertx vertx;
  private final HttpClientAgent client;
  private final Endpoint endpoint;
  private final long defaultTimeoutMs;
  private final int maxAnswerBytes;

  public TelegramClient(Vertx vertx, Options options) {
    this.vertx = vertx;
    this.endpoint = Endpoint.parse(options.apiUrl(), options.allowHttp());
    this.defaultTimeoutMs = options.defaultTimeoutMs();
    this.maxAnswerBytes = options.maxAnswerBytes();
    this.client = vertx.httpClientBuilder()
      .with(new HttpClientOptions().setDefaultHost(endpoint.host).setDefaultPort(endpoint.port).setSsl(endpoint.ssl)
        .setKeepAlive(true).setMaxRedirects(0).setName("telegram").setMetricsName("telegram"))
      .with(new PoolOptions().setHttp1MaxSize(options.maxPoolSize()))
      .build();
  }

  /** {@link #call(String, String, JsonObject, long)} with the default timeout. */
  public Future<TelegramOutcome> call(String token, String method, JsonObject params) {
    return call(token, method, params, defaultTimeoutMs);
  }

  /**
   * Calls {@code method} with {@code params} as the bot whose token is {@code token}. A token or a
   * method name that could not be Telegram's is refused without a request: {@code TokenRejected(0, ...)}
   * and {@code BadRequest(0, ...)}.
   *
   * @param timeoutMs the deadline for the whole call, connection and answer included; a getUpdates
   *                  long poll needs more than its own {@code timeout} parameter
   */
  public Future<TelegramOutcome> call(String token, String method, JsonObject params, long timeoutMs) {
    if (token == null || !TOKEN.matcher(token).matches()) {
      return Future.succeededFuture(new TelegramOutcome.TokenRejected(0, "not a well-formed bot token"));
    }
    if (method == null || !METHOD.matcher(method).matches()) {
      return Future.succeededFuture(new TelegramOutcome.BadRequest(0, "not a Bot API method name"));
    }
    Buffer body;
    try {
      body = (params == null ? new JsonObject() : params).toBuffer();
    } catch (RuntimeException notJson) {
      return Future.succeededFuture(new TelegramOutcome.BadRequest(0, "parameters that cannot be sent as JSON"));
    }
    long deadline = Math.max(1, timeoutMs);
    long started = System.nanoTime();
    TelegramCall call = new TelegramCall(vertx, token, deadline, maxAnswerBytes);
    // The connect timeout bounds the wait for a pooled connection, the idle timeout each silence on
    // it; the call's own timer bounds the whole, answer included.
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
      .setHost(endpoint.host).setPort(endpoint.port).setSsl(endpoint.ssl)
      .setURI(endpoint.prefix + "/bot" + token + "/" + method)
      .setFollowRedirects(false).setConnectTimeout(deadline).setIdleTimeout(deadline)
      .putHeader("Content-Type", "application/json");
    client.request(request).onComplete(ar -> {
      if (ar.succeeded()) {
        call.send(ar.result(), body);
      } else {
        call.failed(ar.cause());
      }
    });
    return call.outcome().onSuccess(o -> LOG.debug("{} -> {} in {} ms", method, o.kind(),
      TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
  }

  /** Closes the pool; calls in flight fail as {@code Passing}. */
  public void close() {
    client.close();
  }

  /** Where the Bot API server is: taken apart once, so no call ever parses a URL holding a token. */
  private record Endpoint(String host, int port, boolean ssl, String prefix) {

    static Endpoint parse(String apiUrl, boolean allowHttp) {
      URI uri;
      try {
        uri = new URI(apiUrl == null ? "" : apiUrl);
      } catch (URISyntaxException e) {
        throw invalid(allowHttp);
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (!scheme.equals("https") && !(allowHttp && scheme.equals("http")) || uri.getHost() == null || uri.getRawQuery() != null
        || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
        throw invalid(allowHttp);
      }
      boolean ssl = scheme.equals("https");
      String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
      int port = uri.getPort() == -1 ? (ssl ? 443 : 80) : uri.getPort();
      String prefix = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
      return new Endpoint(host, port, ssl, prefix);
    }

    private static IllegalArgumentException invalid(boolean allowHttp) {
      return new IllegalArgumentException("the Telegram API URL must be an absolute " + (allowHttp ? "http or https" : "https")
        + " URL, without query or fragment");
    }
  }
}

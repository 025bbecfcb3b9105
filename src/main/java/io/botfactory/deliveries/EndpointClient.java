package io.botfactory.deliveries;

import io.botfactory.config.DeliverySettings;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * POSTs a delivery to an owner's endpoint, safe against SSRF: the host is resolved first (on a
 * small worker pool: the JDK's resolver blocks), every address it resolves to is checked
 * ({@link AddressPolicy}), and the connection goes to that very address ({@code setServer}) with
 * the URL's host as the Host header and, over TLS, as the SNI name and the name the certificate
 * must carry; a DNS answer that changes between the check and the connection changes nothing.
 * No redirect is followed, the whole attempt has one deadline, and at most {@value #MAX_ANSWER}
 * bytes of an answer are read (its status is all that counts).
 */
final class EndpointClient {

  static final int MAX_ANSWER = 64 * 1024;

  private final Vertx vertx;
  private final DeliverySettings settings;
  private final HttpClientAgent client;
  private final WorkerExecutor resolver;

  EndpointClient(Vertx vertx, DeliverySettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.client = vertx.createHttpClient(new HttpClientOptions()
        .setConnectTimeout(settings.timeoutMs())
        .setForceSni(true)
        .setVerifyHost(true)
        .setDecompressionSupported(false)
        .setMaxRedirects(0)
        .setKeepAlive(true)
        .setKeepAliveTimeout(30),
      new PoolOptions().setHttp1MaxSize(settings.perEndpoint()).setMaxWaitQueueSize(settings.maxInFlight()));
    this.resolver = vertx.createSharedWorkerExecutor("delivery-dns", 4);
  }

  /** The attempt's outcome; never a failed future. */
  Future<Attempt> post(String url, MultiMap headers, Buffer body) {
    long deadline = System.nanoTime() + settings.timeoutMs() * 1_000_000L;
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Future.succeededFuture(Attempt.failed("the URL is not valid"));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(settings.allowHttp() && scheme.equals("http"))) {
      return Future.succeededFuture(Attempt.failed("the URL is not https"));
    }
    String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    return resolve(host).compose(address -> {
      String refusal = settings.allowPrivate() ? null : AddressPolicy.refusal(address);
      if (refusal != null) {
        return Future.succeededFuture(Attempt.failed("refused: the host resolves to " + refusal
          + ", where deliveries never connect"));
      }
      RequestOptions options = new RequestOptions()
        .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
        .setHost(host)
        .setPort(port)
        .setSsl(scheme.equals("https"))
        .setMethod(HttpMethod.POST)
        .setURI(path(uri))
        .setFollowRedirects(false)
        .setHeaders(headers);
      return send(options, body, deadline);
    }, failure -> Future.succeededFuture(Attempt.failed(failure instanceof UnknownHostException
      ? "the host does not resolve" : "the host could not be resolved: " + failure.getMessage())));
  }

  /** The first address of {@code host}, once every address it has is allowed (a name with one private address is refused). */
  private Future<InetAddress> resolve(String host) {
    return resolver.executeBlocking(() -> {
      InetAddress[] addresses = InetAddress.getAllByName(host);
      if (!settings.allowPrivate()) {
        for (InetAddress address : addresses) {
          if (AddressPolicy.refusal(address) != null) {
            return address;
          }
        }
      }
      return addresses[0];
    }, false);
  }

  private Future<Attempt> send(RequestOptions options, Buffer body, long deadline) {
    long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
    Promise<Attempt> outcome = Promise.promise();
    HttpClientRequest[] sent = {null};
    long timer = vertx.setTimer(left, id -> {
      if (outcome.tryComplete(Attempt.failed("no answer within " + settings.timeoutMs() + " ms")) && sent[0] != null) {
        sent[0].reset();
      }
    });
    options.setConnectTimeout(left);
    client.request(options)
      .compose(request -> {
        sent[0] = request;
        if (outcome.future().isComplete()) {
          request.reset();
        }
        return request.send(body).compose(response -> drain(request, response));
      })
      .onComplete(ar -> {
        vertx.cancelTimer(timer);
        outcome.tryComplete(ar.succeeded() ? ar.result() : Attempt.failed(describe(ar.cause())));
      });
    return outcome.future();
  }

  /** Reads the answer to its end, or {@value #MAX_ANSWER} bytes of it: then its status stands and the rest is cut off. */
  private static Future<Attempt> drain(HttpClientRequest request, HttpClientResponse response) {
    Promise<Attempt> read = Promise.promise();
    Attempt attempt = Attempt.answered(response.statusCode());
    long[] bytes = {0};
    response.handler(chunk -> {
      bytes[0] += chunk.length();
      if (bytes[0] > MAX_ANSWER && read.tryComplete(attempt)) {
        request.reset();
      }
    });
    response.exceptionHandler(e -> read.tryComplete(attempt));
    response.endHandler(v -> read.tryComplete(attempt));
    return read.future();
  }

  private static String path(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  void close() {
    client.close();
    resolver.close();
  }
}

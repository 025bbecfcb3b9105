package io.botfactory.deliveries;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An owner's endpoint, on 127.0.0.1: records every request (headers and body as received) and
 * every connection, and answers as the test says per path: a status, after a delay, or never;
 * with an empty body, or one that never ends (as fast as it is read, or a byte at a time).
 * Public for the dashboard's browser test of the endpoints.
 */
public final class Receiver implements AutoCloseable {

  /** A request as it arrived. */
  public record Request(String path, Map<String, String> headers, String body, long receivedAtMs) {
    public String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  /** How the body of an answer comes: at once (empty), without end as fast as it is read, or a byte at a time. */
  enum Body { EMPTY, ENDLESS, TRICKLE }

  /** How to answer: a status after {@code delayMs}, then its body; a negative status: never answer. */
  public record Answer(int status, long delayMs, Body body) {
    public Answer(int status, long delayMs) {
      this(status, delayMs, Body.EMPTY);
    }

    public static Answer of(int status) {
      return new Answer(status, 0);
    }
  }

  public static final Answer HANG = new Answer(-1, 0);
  /** Bytes of an endless or trickling answer written before the caller hung up, one entry per such answer. */
  final List<Long> cutOff = new CopyOnWriteArrayList<>();

  final List<Request> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger connections = new AtomicInteger();
  private final Map<String, Function<Integer, Answer>> answers = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final Vertx vertx;
  private final HttpServer server;

  public Receiver(Vertx vertx) {
    this.vertx = vertx;
    this.server = vertx.createHttpServer()
      .connectionHandler(c -> connections.incrementAndGet())
      .requestHandler(this::handle)
      .listen(0, "127.0.0.1").await();
  }

  public int port() {
    return server.actualPort();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** Answers the n-th request (1 first) to {@code path} as {@code answer} says; 204 by default. */
  public void answer(String path, Function<Integer, Answer> answer) {
    answers.put(path, answer);
  }

  public List<Request> at(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      Map<String, String> headers = new ConcurrentHashMap<>();
      request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
      requests.add(new Request(request.path(), headers, body.toString(), System.currentTimeMillis()));
      int n = counts.computeIfAbsent(request.path(), p -> new AtomicInteger()).incrementAndGet();
      Answer answer = answers.getOrDefault(request.path(), i -> Answer.of(204)).apply(n);
      if (answer.status() < 0) {
        return;
      }
      Runnable reply = () -> {
        if (answer.status() >= 300 && answer.status() < 400) {
          request.response().putHeader("Location", "/redirected");
        }
        request.response().setStatusCode(answer.status());
        if (answer.body() == Body.EMPTY) {
          request.response().end();
        } else {
          stream(request.response(), answer.body());
        }
      };
      if (answer.delayMs() > 0) {
        vertx.setTimer(answer.delayMs(), id -> reply.run());
      } else {
        reply.run();
      }
    });
  }

  /** Writes the body until the caller hangs up: 16 KiB chunks as fast as they are taken, or a byte every 100 ms. */
  private void stream(HttpServerResponse response, Body body) {
    long[] written = {0};
    response.setChunked(true);
    response.closeHandler(v -> cutOff.add(written[0]));
    if (body == Body.TRICKLE) {
      response.writeHead();
      vertx.setPeriodic(100, id -> {
        if (response.closed()) {
          vertx.cancelTimer(id);
        } else {
          response.write("x");
          written[0]++;
        }
      });
      return;
    }
    // A few chunks a turn of the event loop, so that it gets to notice the caller hung up.
    Buffer chunk = Buffer.buffer(new byte[16 * 1024]);
    Runnable[] fill = {null};
    fill[0] = () -> {
      for (int i = 0; i < 8 && !response.closed() && !response.writeQueueFull(); i++) {
        response.write(chunk);
        written[0] += chunk.length();
      }
      if (response.closed()) {
        return;
      }
      if (response.writeQueueFull()) {
        response.drainHandler(v -> {
          response.drainHandler(null);
          fill[0].run();
        });
      } else {
        vertx.runOnContext(v -> fill[0].run());
      }
    };
    fill[0].run();
  }

  @Override
  public void close() {
    server.close().await();
  }
}

package io.botfactory.deliveries;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An owner's endpoint, on 127.0.0.1: records every request (headers and body as received) and
 * every connection, and answers as the test says per path: a status, after a delay, or never.
 */
final class Receiver implements AutoCloseable {

  /** A request as it arrived. */
  record Request(String path, Map<String, String> headers, String body, long receivedAtMs) {
    String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  /** How to answer: a status after {@code delayMs}; a negative status: never answer. */
  record Answer(int status, long delayMs) {
    static Answer of(int status) {
      return new Answer(status, 0);
    }
  }

  static final Answer HANG = new Answer(-1, 0);

  final List<Request> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger connections = new AtomicInteger();
  private final Map<String, Function<Integer, Answer>> answers = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final Vertx vertx;
  private final HttpServer server;

  Receiver(Vertx vertx) {
    this.vertx = vertx;
    this.server = vertx.createHttpServer()
      .connectionHandler(c -> connections.incrementAndGet())
      .requestHandler(this::handle)
      .listen(0, "127.0.0.1").await();
  }

  int port() {
    return server.actualPort();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** Answers the n-th request (1 first) to {@code path} as {@code answer} says; 204 by default. */
  void answer(String path, Function<Integer, Answer> answer) {
    answers.put(path, answer);
  }

  List<Request> at(String path) {
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
        request.response().setStatusCode(answer.status()).end();
      };
      if (answer.delayMs() > 0) {
        vertx.setTimer(answer.delayMs(), id -> reply.run());
      } else {
        reply.run();
      }
    });
  }

  @Override
  public void close() {
    server.close().await();
  }
}

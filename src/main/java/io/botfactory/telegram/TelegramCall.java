package io.botfactory.telegram;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;

/**
 * One Bot API call in flight, bounded in time and in size: its outcome is completed once, by
 * whichever comes first of the whole answer, a failure, its deadline, or an answer growing past
 * {@code maxAnswerBytes}. The last two reset the request, which closes its connection: a server
 * that trickles an answer, or sends a huge one, holds neither a connection nor memory past them.
 * A request obtained only after the deadline is reset unsent.
 *
 * <p>Its parts may run on different threads (the timer on the caller's context, the request on
 * the client's), so the request is handed over through a volatile field and the outcome is a
 * promise completed once.
 */
final class TelegramCall {

  private final Vertx vertx;
  private final String token;
  private final long deadlineMs;
  private final int maxAnswerBytes;
  private final Promise<TelegramOutcome> outcome = Promise.promise();
  private final long timer;
  private volatile HttpClientRequest request;
  private volatile boolean readToTheEnd;

  TelegramCall(Vertx vertx, String token, long deadlineMs, int maxAnswerBytes) {
    this.vertx = vertx;
    this.token = token;
    this.deadlineMs = deadlineMs;
    this.maxAnswerBytes = maxAnswerBytes;
    this.timer = vertx.setTimer(deadlineMs, id -> finish(new TelegramOutcome.Passing(TelegramAnswers.timedOut(deadlineMs))));
  }

  Future<TelegramOutcome> outcome() {
    return outcome.future();
  }

  /** The request is there (a connection is free): sends {@code body}, unless the deadline passed meanwhile. */
  void send(HttpClientRequest request, Buffer body) {
    this.request = request;
    if (outcome.future().isComplete()) {
      request.reset();
      return;
    }
    request.send(body).onComplete(ar -> {
      if (ar.succeeded()) {
        read(ar.result());
      } else {
        failed(ar.cause());
      }
    });
  }

  /** No request, or no answer: a fixed sentence chosen by the failure's type (its message may hold the URL). */
  void failed(Throwable cause) {
    finish(new TelegramOutcome.Passing(TelegramAnswers.reason(cause, deadlineMs)));
  }

  /** Reads the answer into memory up to the cap: a declared length past it is refused before a byte is read. */
  private void read(HttpClientResponse response) {
    // Before anything can reset it: a reset response without a handler is logged as an error.
    response.exceptionHandler(this::failed);
    if (declaredLength(response) > maxAnswerBytes) {
      finish(tooLarge());
      return;
    }
    Buffer body = Buffer.buffer();
    response.handler(chunk -> {
      if (outcome.future().isComplete()) {
        return;
      }
      if (body.length() + chunk.length() > maxAnswerBytes) {
        finish(tooLarge());
        return;
      }
      body.appendBuffer(chunk);
    });
    response.endHandler(v -> {
      readToTheEnd = true;
      finish(TelegramAnswers.read(response.statusCode(), body, token));
    });
  }

  /** The first outcome wins; a request whose answer was not read to its end is reset, so its connection is closed. */
  private void finish(TelegramOutcome result) {
    if (!outcome.tryComplete(result)) {
      return;
    }
    vertx.cancelTimer(timer);
    HttpClientRequest sent = request;
    if (sent != null && !readToTheEnd) {
      sent.reset();
    }
  }

  private TelegramOutcome tooLarge() {
    return new TelegramOutcome.Passing("Telegram's answer was larger than " + maxAnswerBytes + " bytes");
  }

  private static long declaredLength(HttpClientResponse response) {
    String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
    try {
      return length == null ? -1 : Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}

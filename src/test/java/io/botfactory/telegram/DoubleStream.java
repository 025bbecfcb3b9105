package io.botfactory.telegram;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link DoubleFault.Type#STREAM} answer: {@code {"ok":true,"result":{"padding":"xxx…"}}}
 * of the fault's length, as fast as the client takes it (huge) or a byte at a time (trickle),
 * stopping when the client closes the connection, which the fault records.
 */
final class DoubleStream {

  private static final byte[] HEAD = "{\"ok\":true,\"result\":{\"padding\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TAIL = "\"}}".getBytes(StandardCharsets.US_ASCII);
  private static final int CHUNK = 64 * 1024;

  private final Vertx vertx;
  private final HttpServerResponse response;
  private final DoubleFault fault;
  private long offset;
  private boolean closed;

  private DoubleStream(Vertx vertx, HttpServerResponse response, DoubleFault fault) {
    this.vertx = vertx;
    this.response = response;
    this.fault = fault;
  }

  /** Starts the answer; runs on the response's context. */
  static void write(Vertx vertx, HttpServerResponse response, DoubleFault fault) {
    new DoubleStream(vertx, response, fault).start();
  }

  private void start() {
    response.closeHandler(v -> {
      closed = true;
      fault.cut.complete(fault.written.get());
    });
    response.setStatusCode(200).putHeader("Content-Type", "application/json").putHeader("Server", "nginx/1.18.0");
    if (fault.declared) {
      response.putHeader("Content-Length", String.valueOf(fault.bytes));
    } else {
      response.setChunked(true);
    }
    next();
  }

  /** Writes while the client takes it; a full write queue resumes on drain, a trickle on its timer. */
  private void next() {
    while (!closed && offset < fault.bytes) {
      if (response.writeQueueFull()) {
        response.drainHandler(v -> next());
        return;
      }
      int n = fault.everyMs > 0 ? 1 : (int) Math.min(CHUNK, fault.bytes - offset);
      Buffer chunk = Buffer.buffer(n);
      for (int i = 0; i < n; i++) {
        chunk.appendByte(byteAt(offset + i));
      }
      offset += n;
      response.write(chunk).onSuccess(v -> fault.written.addAndGet(n));
      if (fault.everyMs > 0) {
        vertx.setTimer(fault.everyMs, id -> next());
        return;
      }
    }
    if (!closed && offset >= fault.bytes) {
      response.end();
    }
  }

  private byte byteAt(long i) {
    if (i < HEAD.length) {
      return HEAD[(int) i];
    }
    long fromEnd = fault.bytes - i;
    return fromEnd <= TAIL.length ? TAIL[TAIL.length - (int) fromEnd] : (byte) 'x';
  }
}

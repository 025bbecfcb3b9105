package io.botfactory.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.botfactory.config.ConfigKey;
import io.botfactory.support.TestStack;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that are slow on purpose, on raw sockets: a body that never completes or trickles in,
 * a connection that says nothing, headers too large, a client that goes away. Each gets a JSON
 * answer or a closed connection within the configured time (here a 1 s body timeout and a 2 s
 * idle timeout), never a connection held open forever, and none is an ERROR in the log.
 */
class SlowClientTest {

  private static final int READ_LIMIT_MS = 8000;
  private static TestStack node;

  @BeforeAll
  static void start() {
    JsonObject config = TestStack.config("postgresql://nobody@127.0.0.1:9/none").put(ConfigKey.ROLES.key(), "http")
      .put(ConfigKey.HTTP_BODY_TIMEOUT_MS.key(), 1000)
      .put(ConfigKey.HTTP_IDLE_TIMEOUT_S.key(), 2);
    node = TestStack.start(config);
  }

  @AfterAll
  static void stop() {
    node.stop();
  }

  private static Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", node.port);
    socket.setSoTimeout(READ_LIMIT_MS);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Everything the server sends until it closes the connection; fails when it keeps it open past the read limit. */
  private static String readUntilClosed(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        received.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the connection was still open after " + READ_LIMIT_MS + " ms; received: " + received);
    }
    return received.toString(StandardCharsets.UTF_8);
  }

  private static String head(int contentLength) {
    return "POST /auth/register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      + "Content-Length: " + contentLength + "\r\n\r\n";
  }

  private static void assertJsonAnswer(String response, int status) {
    assertThat(response).matches("(?s)HTTP/1\\.[01] " + status + " .*");
    String body = response.substring(response.indexOf("\r\n\r\n") + 4);
    assertThat(new JsonObject(body).getString("detail")).isNotBlank();
    assertThat(response.toLowerCase()).contains("content-type: application/json");
  }

  @Test
  void aBodyThatNeverCompletesIs408AndTheConnectionCloses() throws IOException {
    try (Socket socket = connect()) {
      long start = System.nanoTime();
      send(socket, head(100) + "{\"em");
      assertJsonAnswer(readUntilClosed(socket), 408);
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(READ_LIMIT_MS);
    }
  }

  @Test
  void aBodyTrickledInUnderTheIdleTimeoutStillEndsAtTheBodyTimeout() throws IOException, InterruptedException {
    try (Socket socket = connect()) {
      send(socket, head(100));
      StringBuilder answer = new StringBuilder();
      Thread reader = new Thread(() -> {
        try {
          answer.append(readUntilClosed(socket));
        } catch (IOException | AssertionError e) {
          answer.append("failed: ").append(e);
        }
      });
      reader.start();
      for (int i = 0; i < 20 && reader.isAlive(); i++) {
        try {
          send(socket, "x");
        } catch (IOException closed) {
          break;
        }
        Thread.sleep(300);
      }
      reader.join(READ_LIMIT_MS);
      assertJsonAnswer(answer.toString(), 408);
    }
  }

  @Test
  void aConnectionThatSaysNothingIsClosed() throws IOException {
    try (Socket socket = connect()) {
      assertThat(readUntilClosed(socket)).isEmpty();
    }
    try (Socket socket = connect()) {
      send(socket, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      assertThat(readUntilClosed(socket)).as("kept alive after an answer, then idle").startsWith("HTTP/1.1 200 ");
    }
  }

  @Test
  void oversizedHeadersGetAJsonAnswer() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
      assertJsonAnswer(readUntilClosed(socket), 431);
    }
    try (Socket socket = connect()) {
      send(socket, "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      assertJsonAnswer(readUntilClosed(socket), 414);
    }
    try (Socket socket = connect()) {
      send(socket, "NOT HTTP AT ALL\r\n\r\n");
      assertJsonAnswer(readUntilClosed(socket), 400);
    }
  }

  @Test
  void aClientThatGoesAwayIsNoError() throws IOException, InterruptedException {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    try {
      for (int i = 0; i < 3; i++) {
        try (Socket socket = connect()) {
          send(socket, head(100) + "{\"email\": ");
          Thread.sleep(100);
          socket.setSoLinger(true, 0); // a reset, as a client that crashes sends
        }
      }
      Thread.sleep(1500); // past the body timeout too
      assertThat(appender.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
        .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    } finally {
      root.detachAppender(appender);
    }
  }
}

package io.botfactory.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP port that accepts connections and counts them, never answering: given as the
 * DATABASE_URL of a node that must not open a database pool, it shows whether one was tried.
 */
final class CountingSocket implements AutoCloseable {

  private final ServerSocket server;
  private final AtomicInteger accepted = new AtomicInteger();

  CountingSocket() {
    try {
      server = new ServerSocket(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::acceptAll, "counting-socket");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String databaseUrl() {
    return "postgresql://nobody:secret@127.0.0.1:" + server.getLocalPort() + "/nothing";
  }

  int accepted() {
    return accepted.get();
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      try (Socket ignored = server.accept()) {
        accepted.incrementAndGet();
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

import io.botfactory.db.EmbeddedDatabase;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * PostgreSQL for the crash run, in a process of its own: the service's own embedded database
 * (the same binaries, settings and durability as a node's, from the jar), on a data directory a
 * node has used, so that the nodes killed and restarted in the crash run are all clients of one
 * database that outlives them. Prints {@code DATABASE_PORT=...} once running (never the password); stops the database
 * on SIGTERM. {@code password}: the one the node's dev mode gave its database (its secrets.json).
 */
final class DatabaseHolder {

  private DatabaseHolder() {
  }

  static void run(Path dataDirectory, String password) throws InterruptedException {
    EmbeddedDatabase db = EmbeddedDatabase.start(dataDirectory, password, true);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      db.close();
      stopped.countDown();
    }));
    System.out.println("DATABASE_PORT=" + db.port());
    System.out.flush();
    stopped.await();
  }
}

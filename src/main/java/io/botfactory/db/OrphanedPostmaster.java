package io.botfactory.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL runs detached from the node (pg_ctl starts it in the background), so a node killed
 * with SIGKILL leaves its embedded PostgreSQL running, holding the data directory: the next
 * start would fail. Called once zonky holds the data directory's lock (no live node owns it),
 * this stops such an orphan the way PostgreSQL expects: SIGTERM, a clean shutdown (its clients
 * died with the node). Its commits are on disk already; nothing is lost.
 */
final class OrphanedPostmaster {

  private static final Logger LOG = LoggerFactory.getLogger(OrphanedPostmaster.class);
  private static final long STOP_SECONDS = 30;

  private OrphanedPostmaster() {
  }

  static void stop(Path dataDirectory) {
    Optional<ProcessHandle> postmaster = running(dataDirectory.resolve("postmaster.pid"));
    if (postmaster.isEmpty()) {
      return;
    }
    ProcessHandle process = postmaster.get();
    LOG.warn("The embedded PostgreSQL of an earlier run (pid {}) still runs on {}: its node was killed; stopping it",
      process.pid(), dataDirectory);
    process.destroy();
    try {
      process.onExit().get(STOP_SECONDS, TimeUnit.SECONDS);
    } catch (Exception notStopped) {
      // What is left is a crash to recover from at the next start; commits were flushed, so none is lost.
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.onExit().join();
    }
  }

  /** The postmaster named in {@code postmaster.pid}, if that process lives and is a PostgreSQL server. */
  private static Optional<ProcessHandle> running(Path pidFile) {
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    long pid;
    try {
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
      pid = Long.parseLong(lines.get(0).strip());
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty(); // PostgreSQL itself decides what a broken pid file means
    }
    // The pid may be reused by an unrelated process since (after a reboot): check what it runs.
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
      .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
  }
}

package io.botfactory.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * What a killed node leaves in its embedded PostgreSQL's data directory, dealt with before
 * PostgreSQL starts on it. Called once zonky holds the data directory's lock, so no live node
 * owns that directory: whatever of PostgreSQL still runs on it, or whatever its pid file names,
 * is left from an earlier run.
 *
 * <ul>
 *   <li>PostgreSQL runs detached from the node (pg_ctl starts it in the background), so a node
 *       killed with SIGKILL leaves it running on the directory: it is stopped the way PostgreSQL
 *       expects, SIGTERM and a clean shutdown (its clients died with the node; its commits are on
 *       disk already), and forcibly if that takes too long. Processes of a postmaster that was
 *       killed too (its backends) are waited for, as they end once they see it gone.</li>
 *   <li>A postmaster killed with SIGKILL leaves its {@code postmaster.pid}, and PostgreSQL refuses
 *       to start while the pid it names is alive: a postmaster not reaped yet (a zombie), or, in a
 *       container restarted after an OOM kill, a thread of the new JVM that got the old number.
 *       Once no process of this directory lives, such a pid file is stale and is removed.</li>
 * </ul>
 */
final class OrphanedPostmaster {

  private static final Logger LOG = LoggerFactory.getLogger(OrphanedPostmaster.class);
  private static final long STOP_SECONDS = 30;

  private OrphanedPostmaster() {
  }

  static void stop(Path dataDirectory) {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    OptionalLong named = pid(pidFile);
    if (named.isEmpty()) {
      return; // PostgreSQL itself decides what a broken pid file means
    }
    List<ProcessHandle> ours = DirectoryProcesses.of(dataDirectory, named.getAsLong());
    if (!ours.isEmpty()) {
      stop(dataDirectory, named.getAsLong(), ours);
    }
    if (Files.exists(pidFile) && DirectoryProcesses.of(dataDirectory, named.getAsLong()).isEmpty()) {
      LOG.warn("The embedded PostgreSQL's pid file names process {}, which is no PostgreSQL of {}: left by a killed run, "
        + "removed", named.getAsLong(), dataDirectory);
      try {
        Files.deleteIfExists(pidFile);
      } catch (IOException e) {
        LOG.warn("Could not remove the stale {}: {}", pidFile, e.toString());
      }
    }
  }

  /** SIGTERM to the postmaster (the others end with it, or by themselves), then SIGKILL to whatever outlives the wait. */
  private static void stop(Path dataDirectory, long postmaster, List<ProcessHandle> processes) {
    LOG.warn("The embedded PostgreSQL of an earlier run (pid {}) still runs on {}: its node was killed; stopping it",
      processes.stream().map(ProcessHandle::pid).toList(), dataDirectory);
    processes.stream().filter(p -> p.pid() == postmaster).forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_SECONDS);
    for (ProcessHandle process : processes) {
      try {
        process.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception notStopped) {
        // What is left is a crash to recover from at the next start; commits were flushed, so none is lost.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.onExit().join();
      }
    }
  }

  private static OptionalLong pid(Path pidFile) {
    try {
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
      long pid = Long.parseLong(lines.get(0).strip());
      return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
    } catch (IOException | RuntimeException unreadable) {
      return OptionalLong.empty();
    }
  }
}

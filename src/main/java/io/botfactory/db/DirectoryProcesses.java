package io.botfactory.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The live PostgreSQL processes of one data directory. PostgreSQL's processes all run in their
 * data directory (the postmaster changes to it, its children inherit it), so on Linux they are the
 * processes whose executable is {@code postgres} and whose working directory is that directory
 * ({@code /proc/<pid>/exe} and {@code /proc/<pid>/cwd}): a zombie has neither, a stranger has
 * another executable, another cluster another directory. Elsewhere (no {@code /proc}), the pid
 * file's process, if it lives and runs a {@code postgres} whose arguments name the directory.
 */
final class DirectoryProcesses {

  private static final Path PROC = Path.of("/proc");

  private DirectoryProcesses() {
  }

  static List<ProcessHandle> of(Path dataDirectory, long named) {
    Path directory;
    try {
      directory = dataDirectory.toRealPath();
    } catch (IOException e) {
      return List.of();
    }
    return Files.isDirectory(PROC.resolve("self")) ? fromProc(directory) : fromPidFile(directory, named);
  }

  private static List<ProcessHandle> fromProc(Path directory) {
    List<ProcessHandle> ours = new ArrayList<>();
    try (Stream<Path> entries = Files.list(PROC)) {
      entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
        .filter(p -> isPostgres(p) && directory.equals(link(p.resolve("cwd")).orElse(null)))
        .forEach(p -> ProcessHandle.of(Long.parseLong(p.getFileName().toString())).ifPresent(ours::add));
    } catch (IOException | RuntimeException unreadable) {
      return List.of();
    }
    return ours;
  }

  private static boolean isPostgres(Path process) {
    return link(process.resolve("exe")).map(exe -> exe.getFileName().toString())
      .map(name -> name.equals("postgres") || name.startsWith("postgres ")) // "postgres (deleted)": its binary replaced
      .orElse(false);
  }

  /** Where a /proc link points, if it can be read (not for a zombie, nor for another user's process). */
  private static Optional<Path> link(Path link) {
    try {
      return Optional.of(Files.readSymbolicLink(link));
    } catch (IOException | UnsupportedOperationException | SecurityException unreadable) {
      return Optional.empty();
    }
  }

  private static List<ProcessHandle> fromPidFile(Path directory, long named) {
    return ProcessHandle.of(named).filter(ProcessHandle::isAlive)
      .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
      .filter(p -> p.info().arguments().map(args -> String.join(" ", args).contains(directory.toString())).orElse(true))
      .stream().toList();
  }
}

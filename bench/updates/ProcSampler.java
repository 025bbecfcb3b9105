import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU of the processes of a run over exactly the measured window (this generator knows when it
 * starts and ends; bench/run.sh does not): the service, PostgreSQL (the postmaster, its live
 * children and its reaped ones, as run.sh's db_ticks), the Telegram double, this generator and the
 * whole machine, from /proc; and the service's largest resident memory, read every 200 ms.
 * Percent of one core, as the rest of the report.
 */
final class ProcSampler {

  private final Map<String, Long> pids;
  private final java.util.Set<String> trees;
  private final int clockTicks;
  private final long servicePid;
  private Map<String, Long> ticks0;
  private long[] machine0;
  private long wall0Ns;
  private long cpu0Ns;
  private volatile long rssMaxKb;

  /**
   * {@code pids}: name → pid ("service", "db" for the postmaster, "double"); absent ones are not
   * sampled. {@code trees}: the names whose children count with them (a server of several
   * processes, such as a node:cluster primary and its workers); "db" always does.
   */
  ProcSampler(Map<String, Long> pids, java.util.Set<String> trees, int clockTicks) {
    this.pids = pids;
    this.trees = new java.util.HashSet<>(trees);
    this.trees.add("db");
    this.clockTicks = clockTicks;
    this.servicePid = pids.getOrDefault("service", -1L);
  }

  void start() {
    ticks0 = ticks();
    machine0 = machine();
    wall0Ns = System.nanoTime();
    cpu0Ns = ownCpuNs();
    rssMaxKb = 0;
  }

  /** Every 200 ms, from the observing context. */
  void sampleMemory() {
    long rss = status(servicePid, "VmRSS:");
    if (trees.contains("service")) {
      rss += ProcessHandle.of(servicePid).map(p -> p.children().mapToLong(c -> status(c.pid(), "VmRSS:")).sum()).orElse(0L);
    }
    if (rss > rssMaxKb) {
      rssMaxKb = rss;
    }
  }

  /** {@code {"service": %, "db": %, "double": %, "generator": %, "machine": %, "service_rss_mb", "service_hwm_mb"}}. */
  JsonObject stop() {
    double wallS = (System.nanoTime() - wall0Ns) / 1e9;
    Map<String, Long> ticks1 = ticks();
    long[] machine1 = machine();
    JsonObject out = new JsonObject();
    for (String name : pids.keySet()) {
      Long a = ticks0.get(name);
      Long b = ticks1.get(name);
      out.put(name, a == null || b == null ? null : round((b - a) / (double) clockTicks / wallS * 100));
    }
    out.put("generator", round((ownCpuNs() - cpu0Ns) / 1e9 / wallS * 100));
    int cores = Runtime.getRuntime().availableProcessors();
    out.put("machine", round((machine1[0] - machine0[0]) / (double) (machine1[1] - machine0[1]) * cores * 100));
    out.put("service_rss_mb", rssMaxKb == 0 ? null : round(rssMaxKb / 1024.0));
    long hwm = status(servicePid, "VmHWM:");
    if (trees.contains("service")) {  // each process's own peak, added: an upper bound of the whole's
      hwm += ProcessHandle.of(servicePid).map(p -> p.children().mapToLong(c -> status(c.pid(), "VmHWM:")).sum()).orElse(0L);
    }
    out.put("service_hwm_mb", hwm == 0 ? null : round(hwm / 1024.0));
    return out;
  }

  private Map<String, Long> ticks() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : pids.entrySet()) {
      long[] t = stat(e.getValue());
      if (t == null) {
        continue;
      }
      long total = t[0] + t[1];
      if (trees.contains(e.getKey())) {
        // The reaped children, and the live ones (the postmaster's backends; a cluster's workers).
        total += t[2] + t[3];
        total += ProcessHandle.of(e.getValue()).map(p -> p.children().mapToLong(c -> {
          long[] ct = stat(c.pid());
          return ct == null ? 0 : ct[0] + ct[1];
        }).sum()).orElse(0L);
      }
      out.put(e.getKey(), total);
    }
    return out;
  }

  /** utime, stime, cutime, cstime of /proc/pid/stat; null when the process is gone. */
  private static long[] stat(long pid) {
    try {
      String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
    } catch (IOException | RuntimeException gone) {
      return null;
    }
  }

  /** busy and total ticks of all cores, from /proc/stat. */
  private static long[] machine() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long user = Long.parseLong(f[1]);
      long nice = Long.parseLong(f[2]);
      long system = Long.parseLong(f[3]);
      long idle = Long.parseLong(f[4]);
      long iowait = Long.parseLong(f[5]);
      long irq = Long.parseLong(f[6]);
      long softirq = Long.parseLong(f[7]);
      long steal = Long.parseLong(f[8]);
      long busy = user + nice + system + irq + softirq + steal;
      return new long[] {busy, busy + idle + iowait};
    } catch (IOException e) {
      return new long[] {0, 1};
    }
  }

  private static long status(long pid, String key) {
    if (pid < 0) {
      return 0;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
    return 0;
  }

  private static long ownCpuNs() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}

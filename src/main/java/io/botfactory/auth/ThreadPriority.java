package io.botfactory.auth;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the scheduling priority (raises the nice value) of the calling thread, through JNA
 * (which argon2-jvm already brings). Argon2 threads run at nice 10: they still use every idle
 * cycle, but when a core is contended the event loops win it, so a login storm does not starve
 * the requests that need no hashing. Linux only; elsewhere, or if the call is refused, threads
 * keep their priority and this says so once.
 */
final class ThreadPriority {

  private static final Logger LOG = LoggerFactory.getLogger(ThreadPriority.class);
  private static final int PRIO_PROCESS = 0;
  private static final ThreadLocal<Boolean> DONE = ThreadLocal.withInitial(() -> false);
  private static volatile boolean warned;

  /** The C library calls this needs; loaded on first use. */
  interface LibC extends Library {
    int gettid();

    int setpriority(int which, int who, int prio);
  }

  private static final class Holder {
    static final LibC LIBC = Native.load("c", LibC.class);
  }

  private ThreadPriority() {
  }

  /** Sets the calling thread's nice value to {@code nice}, once per thread. */
  static void lowerCurrentThread(int nice) {
    if (DONE.get()) {
      return;
    }
    DONE.set(true);
    try {
      if (Holder.LIBC.setpriority(PRIO_PROCESS, Holder.LIBC.gettid(), nice) != 0) {
        warnOnce("setpriority refused");
      }
    } catch (LinkageError | RuntimeException e) {
      warnOnce(e.toString());
    }
  }

  private static void warnOnce(String why) {
    if (!warned) {
      warned = true;
      LOG.warn("Argon2 threads keep their normal priority ({}); a login storm may slow other requests", why);
    }
  }
}

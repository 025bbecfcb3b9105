import java.util.Arrays;

/**
 * Every command update sent, and the reply it is owed: when it was meant to be sent
 * (microseconds since the epoch), when it was acknowledged, its chat and its command. Replies
 * are matched per chat in update_id order, which is the order in which the service must
 * handle a chat's updates: each chat's unanswered commands form a queue (linked through
 * {@link #next}), and the chat's next reply answers the queue's head. A reply with no command
 * waiting is a duplicate; a reply whose text is not the head's command's reply is out of order
 * (or the head was lost). Shared by the sending and the observing threads: every method locks.
 */
final class Ledger {

  static final int NONE = -1;
  private static final long FAILED = -1;

  private long[] intendedUs = new long[1 << 16];
  private long[] ackUs = new long[1 << 16];
  private int[] chat = new int[1 << 16];
  private byte[] command = new byte[1 << 16];
  private long[] updateIds = new long[1 << 16];
  private int[] next = new int[1 << 16];
  private int size;
  private final int[] head;
  private final int[] tail;
  /** Per chat, the update_id of the last command answered (for the report of a duplicate). */
  private final long[] lastAnswered;

  private long duplicates;
  private long outOfOrder;
  private long matched;

  Ledger(int chats) {
    head = new int[chats];
    tail = new int[chats];
    lastAnswered = new long[chats];
    Arrays.fill(head, NONE);
    Arrays.fill(tail, NONE);
  }

  /** A command sent (or about to be) to {@code chatKey}; answers its entry number. */
  synchronized int add(int chatKey, int commandIndex, long updateId, long intended) {
    if (size == intendedUs.length) {
      int n = size * 2;
      intendedUs = Arrays.copyOf(intendedUs, n);
      ackUs = Arrays.copyOf(ackUs, n);
      chat = Arrays.copyOf(chat, n);
      command = Arrays.copyOf(command, n);
      updateIds = Arrays.copyOf(updateIds, n);
      next = Arrays.copyOf(next, n);
    }
    int e = size++;
    intendedUs[e] = intended;
    chat[e] = chatKey;
    command[e] = (byte) commandIndex;
    updateIds[e] = updateId;
    next[e] = NONE;
    if (tail[chatKey] == NONE) {
      head[chatKey] = e;
    } else {
      next[tail[chatKey]] = e;
    }
    tail[chatKey] = e;
    return e;
  }

  synchronized void acked(int entry, long atUs) {
    if (ackUs[entry] <= 0) {
      ackUs[entry] = atUs;
    }
  }

  /** The command's delivery failed for good (not retried): it is owed no reply. */
  synchronized void failed(int entry) {
    if (ackUs[entry] == 0) {
      ackUs[entry] = FAILED;
    }
  }

  /**
   * A reply with command {@code commandIndex} (-1: a text that is no command's reply) reached
   * {@code chatKey} at {@code atUs}. Answers the matched entry's intended send time, or 0 when
   * the reply answers no command waiting (counted as a duplicate or out of order). A failed
   * head whose command does not fit is skipped: it was not stored, and is owed nothing.
   */
  synchronized long reply(int chatKey, int commandIndex) {
    int e = head[chatKey];
    while (e != NONE && ackUs[e] == FAILED && command[e] != commandIndex) {
      e = pop(chatKey);
    }
    if (e == NONE) {
      duplicates++;
      return 0;
    }
    pop(chatKey);
    if (command[e] != commandIndex) {
      outOfOrder++;
      return 0;
    }
    matched++;
    lastAnswered[chatKey] = updateIds[e];
    return intendedUs[e];
  }

  private int pop(int chatKey) {
    int e = head[chatKey];
    head[chatKey] = next[e];
    if (head[chatKey] == NONE) {
      tail[chatKey] = NONE;
    }
    return head[chatKey];
  }

  /** The update_id of the chat's last command answered (0: none yet). */
  synchronized long lastAnswered(int chatKey) {
    return lastAnswered[chatKey];
  }

  synchronized int commands() {
    return size;
  }

  synchronized long acknowledged() {
    long n = 0;
    for (int e = 0; e < size; e++) {
      n += ackUs[e] > 0 ? 1 : 0;
    }
    return n;
  }

  /** Acknowledged commands still waiting for their reply. */
  synchronized long missing() {
    long n = 0;
    for (int c = 0; c < head.length; c++) {
      for (int e = head[c]; e != NONE; e = next[e]) {
        n += ackUs[e] > 0 ? 1 : 0;
      }
    }
    return n;
  }

  synchronized long matched() {
    return matched;
  }

  synchronized long duplicates() {
    return duplicates;
  }

  synchronized long outOfOrder() {
    return outOfOrder;
  }
}

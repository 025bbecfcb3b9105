package io.botfactory.cluster;

/**
 * One request of a stream: when it started and ended (ms since the stream's start), and its
 * status, or 0 when it got no HTTP answer at all (connection refused or reset).
 */
record Outcome(long startedMs, long endedMs, int status, String botId, String error) {

  long tookMs() {
    return endedMs - startedMs;
  }

  @Override
  public String toString() {
    return status + "@" + startedMs + "+" + tookMs() + "ms" + (error == null ? "" : " (" + error + ")");
  }
}

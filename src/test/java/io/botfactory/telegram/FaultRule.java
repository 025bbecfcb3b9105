package io.botfactory.telegram;

import java.util.Locale;

/**
 * An injected fault: which calls it hits (a method, or "*" for all; optionally one bot, one chat), how many
 * more times (or until cleared), and what happens to them. Made by {@link TelegramDouble#when(String)}.
 */
public final class FaultRule {

  private final DoubleState state;
  private final String method;
  private final Long botId;
  private final Long chatId;
  private final DoubleFault fault;
  private int remaining;
  private int hits;

  private FaultRule(DoubleState state, String method, Long botId, Long chatId, int times, DoubleFault fault) {
    this.state = state;
    this.method = method;
    this.botId = botId;
    this.chatId = chatId;
    this.remaining = times;
    this.fault = fault;
  }

  /** How many calls this rule has hit so far. */
  public int hits() {
    synchronized (state) {
      return hits;
    }
  }

  /** Stops the rule; calls after this get the double's real answers again. */
  public void clear() {
    synchronized (state) {
      state.faults.remove(this);
    }
  }

  /** The fault for a call, counting it as hit, or null when this rule does not apply. Under the state's lock. */
  DoubleFault take(String lowerMethod, long callBotId, Object callChatId) {
    if (remaining <= 0 || !(method.equals("*") || method.equals(lowerMethod)) || botId != null && botId != callBotId
      || chatId != null && !(callChatId instanceof Number n && n.longValue() == chatId)) {
      return null;
    }
    remaining--;
    hits++;
    return fault;
  }

  boolean spent() {
    return remaining <= 0;
  }

  /** {@code double.when("sendMessage").forBot(42).times(2).then(DoubleFault.retryAfter(3))}. */
  public static final class Builder {
    private final DoubleState state;
    private final String method;
    private Long botId;
    private Long chatId;
    private int times = Integer.MAX_VALUE;

    Builder(DoubleState state, String method) {
      this.state = state;
      this.method = method.equals("*") ? "*" : method.toLowerCase(Locale.ROOT);
    }

    /** Only calls made with one of this bot's tokens (the token's numeric part), known or not. */
    public Builder forBot(long botId) {
      this.botId = botId;
      return this;
    }

    /** Only calls whose {@code chat_id} parameter is this chat. */
    public Builder forChat(long chatId) {
      this.chatId = chatId;
      return this;
    }

    /** Only the next {@code n} matching calls; without it, every matching call until {@link FaultRule#clear()}. */
    public Builder times(int n) {
      this.times = n;
      return this;
    }

    public FaultRule then(DoubleFault fault) {
      FaultRule rule = new FaultRule(state, method, botId, chatId, times, fault);
      synchronized (state) {
        state.faults.add(rule);
      }
      return rule;
    }
  }
}

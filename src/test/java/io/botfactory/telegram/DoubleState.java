package io.botfactory.telegram;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The double's whole state, one lock for all of it (this object): requests arrive on event loops,
 * tests change and read state from their own thread. Waiters in {@code awaitCalls} are woken on
 * every change to the call list.
 */
final class DoubleState {

  /** A token as Telegram issues them; the bot id is below 2^54 (telegram-bot-api's ClientManager). */
  static final Pattern TOKEN = Pattern.compile("([0-9]{1,19}):([A-Za-z0-9_-]{30,64})");

  final Map<Long, DoubleBot> bots = new HashMap<>();
  final Set<String> revoked = new HashSet<>();
  /** Calls kept for reading, oldest first; a long-running double (benchmark) keeps the last {@link #KEPT_CALLS}. */
  static final int KEPT_CALLS = 200_000;
  final Deque<DoubleCall> calls = new ArrayDeque<>();
  /** Counts of every call since the last reset, by method and by status answered (0: not answered). */
  final Map<String, Long> byMethod = new TreeMap<>();
  final Map<String, Long> byStatus = new TreeMap<>();
  final List<FaultRule> faults = new ArrayList<>();
  /** The messages sendMessage accepted, with their arrival times (for load generators). */
  final SentLog sentLog = new SentLog();
  private long seq;

  boolean lenient;
  boolean allowHttpWebhooks;
  boolean acceptAnyChat;
  boolean limitSetWebhookRate = true;
  /** Telegram's flood control on sendMessage (off by default: tests inject the 429s they want). */
  DoubleFloodControl floodControl;

  /** The bot with this id, created (no token, username bot{id}_bot) when unknown. */
  synchronized DoubleBot bot(long id) {
    return bots.computeIfAbsent(id, i -> new DoubleBot(i, "bot" + i + "_bot"));
  }

  synchronized void clearCalls() {
    calls.clear();
    sentLog.clear();
    byMethod.clear();
    byStatus.clear();
  }

  synchronized DoubleCall record(String method, long botId, String token, JsonObject params) {
    DoubleCall call = new DoubleCall(++seq, method, botId, token, params, Instant.now());
    calls.addLast(call);
    if (calls.size() > KEPT_CALLS) {
      calls.removeFirst();
    }
    byMethod.merge(method, 1L, Long::sum);
    byStatus.merge("0", 1L, Long::sum);
    notifyAll();
    return call;
  }

  synchronized void answered(DoubleCall call, DoubleAnswer answer) {
    call.answered(answer.status(), answer.body());
    byStatus.merge("0", -1L, Long::sum);
    byStatus.merge(String.valueOf(answer.status()), 1L, Long::sum);
    byStatus.remove("0", 0L);
    notifyAll();
  }

  /** The first live fault rule for the call, counted as hit; null when none applies. */
  synchronized DoubleFault fault(String lowerMethod, long botId, Object chatId) {
    for (Iterator<FaultRule> it = faults.iterator(); it.hasNext(); ) {
      FaultRule rule = it.next();
      DoubleFault fault = rule.take(lowerMethod, botId, chatId);
      if (rule.spent()) {
        it.remove();
      }
      if (fault != null) {
        return fault;
      }
    }
    return null;
  }

  /** The bot a token opens, or null with Telegram's answer in {@code refusal[0]}. */
  synchronized DoubleBot resolve(String token, DoubleAnswer[] refusal) {
    long id = botId(token);
    if (id == 0) {
      refusal[0] = DoubleAnswer.notFound();
      return null;
    }
    if (revoked.contains(token)) {
      refusal[0] = DoubleAnswer.unauthorized();
      return null;
    }
    DoubleBot bot = bots.get(id);
    if (bot != null && bot.tokens.contains(token)) {
      return bot;
    }
    if (lenient && (bot == null || !bot.pinned)) {
      bot = bot(id);
      bot.tokens.add(token);
      return bot;
    }
    refusal[0] = DoubleAnswer.unauthorized();
    return null;
  }

  /** The token's bot id, or 0 when Telegram could not parse it. */
  static long botId(String token) {
    Matcher m = TOKEN.matcher(token == null ? "" : token);
    if (!m.matches()) {
      return 0;
    }
    try {
      long id = Long.parseLong(m.group(1));
      return id > 0 && id < (1L << 54) ? id : 0;
    } catch (NumberFormatException tooBig) {
      return 0;
    }
  }
}

package io.botfactory.engine;

import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The parameters of {@link OutcomeSql.OUTCOMES} for a batch of outcomes: one element per update;
 * then one per chat and one per subscriber, each the sum, in the order decided, of what the
 * batch's updates did to it (a statement may change a row once).
 */
final class OutcomeParams {

  /** What a batch's updates did to one chat or subscriber. */
  private static final class Seen {
    final Outcomes.Outcome first;
    long seenAt;
    String type;
    Boolean blocked;
    String firstName;
    String username;
    String language;
    String change;
    boolean started;
    String source;

    Seen(Outcomes.Outcome first) {
      this.first = first;
    }
  }

  private OutcomeParams() {
  }

  static Tuple of(String node, List<Outcomes.Outcome> batch) {
    int n = batch.size();
    UUID[] bots = new UUID[n];
    Long[] ids = new Long[n];
    Long[] epochs = new Long[n];
    String[] replies = new String[n];
    String[] whys = new String[n];
    String[] events = new String[n];
    String[] heads = new String[n];
    Map<String, Seen> chats = new LinkedHashMap<>();
    Map<String, Seen> subscribers = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      Outcomes.Outcome o = batch.get(i);
      bots[i] = o.botId();
      ids[i] = o.updateId();
      epochs[i] = o.epoch();
      replies[i] = o.reply();
      whys[i] = o.why();
      events[i] = o.event();
      heads[i] = o.head();
      if (o.chatType() != null) {
        Seen chat = chats.computeIfAbsent(o.botId() + "/" + o.chatId(), k -> new Seen(o));
        chat.seenAt = Math.max(chat.seenAt, o.receivedAt());
        chat.type = o.chatType();
        chat.blocked = o.blocked() != null ? o.blocked() : chat.blocked;
      }
      if (o.subscriber() != null) {
        subscriber(subscribers.computeIfAbsent(o.botId() + "/" + o.chatId(), k -> new Seen(o)), o);
      }
    }
    Tuple params = Tuple.of(node, bots, ids, epochs, replies, whys);
    addChats(params, chats);
    addSubscribers(params, subscribers);
    return params.addArrayOfString(events).addArrayOfString(heads);
  }

  /** Folds one more update into its subscriber: the latest name; the status as the updates leave it, in order. */
  private static void subscriber(Seen s, Outcomes.Outcome o) {
    SubscriberChange c = o.subscriber();
    s.seenAt = Math.max(s.seenAt, o.receivedAt());
    s.firstName = c.firstName() != null ? c.firstName() : s.firstName;
    s.username = c.username() != null ? c.username() : s.username;
    s.language = c.languageCode() != null ? c.languageCode() : s.language;
    if (c.change() == null) {
      return;
    }
    switch (c.change()) {
      case "start" -> {
        s.change = "active";
        if (!s.started) {
          s.started = true;
          s.source = c.source();
        }
      }
      case "stop" -> s.change = "unsubscribed";
      case "block" -> s.change = "blocked";
      default -> { // unblock: a blocked user who writes is active again; nothing else changes
        if ("blocked".equals(s.change)) {
          s.change = "active";
        } else if (s.change == null) {
          s.change = "unblock";
        }
      }
    }
  }

  private static void addChats(Tuple params, Map<String, Seen> chats) {
    int c = chats.size();
    UUID[] bots = new UUID[c];
    Long[] ids = new Long[c];
    String[] types = new String[c];
    OffsetDateTime[] seen = new OffsetDateTime[c];
    Boolean[] blocked = new Boolean[c];
    int i = 0;
    for (Seen chat : chats.values()) {
      bots[i] = chat.first.botId();
      ids[i] = chat.first.chatId();
      types[i] = chat.type;
      seen[i] = time(chat.seenAt);
      blocked[i] = chat.blocked;
      i++;
    }
    params.addArrayOfUUID(bots).addArrayOfLong(ids).addArrayOfString(types).addArrayOfOffsetDateTime(seen)
      .addArrayOfBoolean(blocked);
  }

  private static void addSubscribers(Tuple params, Map<String, Seen> subscribers) {
    int c = subscribers.size();
    UUID[] bots = new UUID[c];
    Long[] ids = new Long[c];
    String[] names = new String[c];
    String[] usernames = new String[c];
    String[] languages = new String[c];
    String[] changes = new String[c];
    Boolean[] started = new Boolean[c];
    String[] sources = new String[c];
    OffsetDateTime[] seen = new OffsetDateTime[c];
    int i = 0;
    for (Seen s : subscribers.values()) {
      bots[i] = s.first.botId();
      ids[i] = s.first.chatId();
      names[i] = s.firstName;
      usernames[i] = s.username;
      languages[i] = s.language;
      changes[i] = s.change;
      started[i] = s.started;
      sources[i] = s.source;
      seen[i] = time(s.seenAt);
      i++;
    }
    params.addArrayOfUUID(bots).addArrayOfLong(ids).addArrayOfString(names).addArrayOfString(usernames)
      .addArrayOfString(languages).addArrayOfString(changes).addArrayOfBoolean(started).addArrayOfString(sources)
      .addArrayOfOffsetDateTime(seen);
  }

  private static OffsetDateTime time(long epochMs) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC);
  }
}

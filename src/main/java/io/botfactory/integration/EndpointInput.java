package io.botfactory.integration;

import io.botfactory.bus.FieldErrors;
import io.vertx.core.json.JsonArray;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An endpoint's fields as the owner gives them, checked: a URL that is {@code https} (plain
 * {@code http} only where allowed), absolute, with a host and no user-info, at most 2,048
 * characters; events from the contract's list, at least one (repeats dropped); a description of
 * at most 512 characters. Each refusal is a 422 naming the field, never echoing the value. Where
 * a URL leads is checked when a delivery connects, on the address its host then resolves to.
 */
final class EndpointInput {

  static final List<String> EVENTS = List.of("message.received", "command.received", "subscriber.joined",
    "subscriber.blocked", "subscriber.unsubscribed", "message.sent", "message.failed", "broadcast.finished");
  static final int MAX_URL = 2048;
  static final int MAX_DESCRIPTION = 512;

  private final boolean allowHttp;

  EndpointInput(boolean allowHttp) {
    this.allowHttp = allowHttp;
  }

  String url(String url) {
    if (url == null || url.codePointCount(0, url.length()) > MAX_URL) {
      throw invalid("url", "URL should have at most " + MAX_URL + " characters", "string_too_long");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw invalid("url", "Input should be a valid URL", "url_parsing");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
      throw invalid("url", allowHttp ? "URL scheme should be 'https' or 'http'" : "URL scheme should be 'https'",
        "url_scheme");
    }
    if (uri.getRawAuthority() == null || uri.getHost() == null || uri.getHost().isEmpty()) {
      throw invalid("url", "URL should have a host", "url_parsing");
    }
    if (uri.getRawUserInfo() != null) {
      throw invalid("url", "URL should have no user name or password", "url_parsing");
    }
    return url;
  }

  static String[] events(JsonArray given) {
    if (given == null || given.isEmpty()) {
      throw invalid("events", "List should have at least 1 item after validation", "too_short");
    }
    Set<String> events = new LinkedHashSet<>();
    for (int i = 0; i < given.size(); i++) {
      Object event = given.getValue(i);
      if (!(event instanceof String) || !EVENTS.contains(event)) {
        throw FieldErrors.single("body", "events", "Input should be one of " + String.join(", ", EVENTS), "enum");
      }
      events.add((String) event);
    }
    return events.toArray(String[]::new);
  }

  static String description(String description) {
    if (description != null && description.codePointCount(0, description.length()) > MAX_DESCRIPTION) {
      throw invalid("description", "String should have at most " + MAX_DESCRIPTION + " characters", "string_too_long");
    }
    return description;
  }

  private static RuntimeException invalid(String field, String msg, String type) {
    return FieldErrors.single("body", field, msg, type);
  }
}

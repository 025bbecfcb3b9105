package io.botfactory.integration;

import io.botfactory.bus.FieldErrors;
import io.vertx.core.json.JsonObject;

/**
 * A PATCH of an endpoint, checked: each field null when the request left it out;
 * {@code describes}: whether {@code description} was given (null then clears it).
 */
record EndpointChange(String url, String[] events, boolean describes, String description, String status) {

  static EndpointChange parse(JsonObject changes, EndpointInput input) {
    JsonObject given = changes == null ? new JsonObject() : changes;
    String url = given.containsKey("url") ? input.url(given.getString("url")) : null;
    String[] events = given.containsKey("events") ? EndpointInput.events(given.getJsonArray("events")) : null;
    String status = given.getString("status");
    if (status != null && !status.equals("enabled") && !status.equals("disabled")) {
      throw FieldErrors.single("body", "status", "Input should be 'enabled' or 'disabled'", "enum");
    }
    boolean describes = given.containsKey("description");
    return new EndpointChange(url, events, describes, EndpointInput.description(given.getString("description")),
      status);
  }
}

package io.botfactory.support;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.util.ArrayList;
import java.util.List;

/** The {@code loc}s of a 422's detail list, as "body.name" strings. */
public final class Locs {

  private Locs() {
  }

  public static List<String> of(HttpResponse<Buffer> response) {
    return of(response.bodyAsJsonObject().getJsonArray("detail"));
  }

  public static List<String> of(JsonArray detail) {
    List<String> locs = new ArrayList<>();
    for (Object e : detail) {
      JsonArray loc = ((JsonObject) e).getJsonArray("loc");
      locs.add(String.join(".", loc.stream().map(Object::toString).toArray(String[]::new)));
    }
    return locs;
  }
}

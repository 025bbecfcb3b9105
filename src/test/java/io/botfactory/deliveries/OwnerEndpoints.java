package io.botfactory.deliveries;

import io.botfactory.support.Api;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** An owner's event endpoints through the API, as the delivery tests create them and read their deliveries. */
final class OwnerEndpoints {

  private OwnerEndpoints() {
  }

  /** A new endpoint of {@code bot} taking message.received at {@code url}, as created (its secret with it). */
  static JsonObject create(Api api, Api.Account owner, String bot, String url) {
    HttpResponse<Buffer> created = api.post("/bots/" + bot + "/endpoints", new JsonObject().put("url", url)
      .put("events", new JsonArray().add("message.received")), owner.token());
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject();
  }

  /** The endpoint's path under the API. */
  static String path(String bot, JsonObject endpoint) {
    return "/bots/" + bot + "/endpoints/" + endpoint.getString("id");
  }

  /** The deliveries of the endpoint at {@code endpointPath}; a query after it ({@code ?status=failed}) goes to the list. */
  static JsonArray deliveries(Api api, Api.Account owner, String endpointPath) {
    String path = endpointPath.contains("?") ? endpointPath.replace("?", "/deliveries?") : endpointPath + "/deliveries";
    HttpResponse<Buffer> response = api.get(path, owner.token());
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonArray();
  }
}

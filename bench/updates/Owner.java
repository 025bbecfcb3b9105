import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The public API as the fleet's owner (broadcasts, endpoints): logged in with the client the
 * set-up registered (its login is kept beside the fleet file). Blocking calls, for the scenarios'
 * main thread.
 */
final class Owner {

  private final WebClient web;
  private final String token;
  private String api;

  private Owner(WebClient web, String api, String token) {
    this.web = web;
    this.api = api;
    this.token = token;
  }

  /** Logs in as the owner of the fleet in {@code fleetFile}. */
  static Owner of(Vertx vertx, String api, Path fleetFile) throws IOException {
    JsonObject login = new JsonObject(Files.readString(Path.of(fleetFile + ".login.json")));
    WebClient web = WebClient.create(vertx);
    HttpResponse<Buffer> r = web.postAbs(api + "/auth/token").sendForm(MultiMap.caseInsensitiveMultiMap()
      .add("username", login.getString("email")).add("password", login.getString("password"))).await();
    expect(200, r, "POST /auth/token");
    return new Owner(web, api, r.bodyAsJsonObject().getString("access_token"));
  }

  /** From now on, the API of another node (the same database). */
  void use(String otherApi) {
    this.api = otherApi;
  }

  JsonObject post(String path, JsonObject body, int status) {
    return expect(status, web.postAbs(api + path).bearerTokenAuthentication(token).sendJsonObject(body).await(),
      "POST " + path).bodyAsJsonObject();
  }

  JsonObject patch(String path, JsonObject body) {
    return expect(200, web.patchAbs(api + path).bearerTokenAuthentication(token).sendJsonObject(body).await(),
      "PATCH " + path).bodyAsJsonObject();
  }

  JsonObject get(String path) {
    return expect(200, web.getAbs(api + path).bearerTokenAuthentication(token).send().await(), "GET " + path)
      .bodyAsJsonObject();
  }

  /**
   * As {@link #get}, but null when the node answered 5xx or not at all: a node of a cluster that
   * just lost a member may answer 503 until the cluster has noticed, and a client asks again.
   */
  JsonObject getOrNull(String path) {
    try {
      HttpResponse<Buffer> r = web.getAbs(api + path).bearerTokenAuthentication(token).send().await();
      return r.statusCode() >= 500 ? null : expect(200, r, "GET " + path).bodyAsJsonObject();
    } catch (IllegalStateException e) {
      throw e;
    } catch (RuntimeException e) {
      return null;
    }
  }

  static HttpResponse<Buffer> expect(int status, HttpResponse<Buffer> r, String what) {
    if (r.statusCode() != status) {
      throw new IllegalStateException(what + " answered " + r.statusCode() + ", expected " + status + ": " + r.bodyAsString());
    }
    return r;
  }
}

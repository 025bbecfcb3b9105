package io.botfactory.deliveries;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Standard Webhooks reference library (npm {@code standardwebhooks}, pinned by the
 * package-lock.json beside verify.js), run by node: deliveries are verified by an implementation
 * we did not write. Installed once per build under target/ with {@code npm ci}.
 */
final class StandardWebhooks {

  private static final Path SOURCE = Path.of("src/test/resources/standardwebhooks");
  private static final Path HOME = Path.of("target/standardwebhooks");

  private StandardWebhooks() {
  }

  /** One result per delivery: {"ok": true} or {"ok": false, "error"}. */
  static synchronized List<JsonObject> verify(List<JsonObject> deliveries) {
    install();
    try {
      Process node = new ProcessBuilder("node", "verify.js").directory(HOME.toFile()).redirectErrorStream(false).start();
      node.getOutputStream().write(new JsonArray(List.copyOf(deliveries)).encode().getBytes(StandardCharsets.UTF_8));
      node.getOutputStream().close();
      String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!node.waitFor(60, TimeUnit.SECONDS) || node.exitValue() != 0) {
        throw new IllegalStateException("node verify.js failed: " + err);
      }
      return new JsonArray(out).stream().map(JsonObject.class::cast).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A delivery as the library takes it: the endpoint's secret, the three headers, the body as received. */
  static JsonObject delivery(String secret, Receiver.Request request) {
    return new JsonObject().put("secret", secret).put("body", request.body())
      .put("headers", new JsonObject().put("webhook-id", request.header("webhook-id"))
        .put("webhook-timestamp", request.header("webhook-timestamp"))
        .put("webhook-signature", request.header("webhook-signature")));
  }

  private static void install() {
    if (Files.isDirectory(HOME.resolve("node_modules/standardwebhooks"))) {
      return;
    }
    try {
      Files.createDirectories(HOME);
      for (String file : List.of("package.json", "package-lock.json", "verify.js")) {
        Files.copy(SOURCE.resolve(file), HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
      Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(HOME.toFile())
        .redirectErrorStream(true).start();
      String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!npm.waitFor(300, TimeUnit.SECONDS) || npm.exitValue() != 0) {
        throw new IllegalStateException("npm ci failed: " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

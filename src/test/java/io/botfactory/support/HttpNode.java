package io.botfactory.support;

import io.botfactory.config.ConfigKey;
import io.vertx.core.json.JsonObject;

/**
 * A node with the HTTP role only: no database, no Argon2, no services behind it unless the test
 * deploys a fake one on its bus (see {@link FakeClientsService}). For behaviour that belongs to
 * the HTTP layer alone: routing, 404/405/413/415, the gate, request validation.
 */
public final class HttpNode {

  private HttpNode() {
  }

  public static TestStack start() {
    JsonObject config = TestStack.config("postgresql://nobody@127.0.0.1:9/none").put(ConfigKey.ROLES.key(), "http");
    return TestStack.start(config);
  }
}

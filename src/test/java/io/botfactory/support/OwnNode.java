package io.botfactory.support;

import io.botfactory.config.ConfigKey;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.UnaryOperator;

/**
 * A node of the test's own, with settings of its own ({@link TestStack#config} changed by the
 * test): registered on a static field ({@code @RegisterExtension}) it serves the whole class, on an
 * instance field each test gets a new one.
 *
 * <p>What such a node may do to others is chosen here. {@link #roles} leaves out what the test does
 * not use: a node without the webhook role takes no work from the shared database. A node that
 * runs webhook workers or the update engine gets {@link #freshDatabase a database of its own};
 * on the shared one its public URL, which is its own, would make every bot there due again.
 */
public final class OwnNode implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private final UnaryOperator<JsonObject> settings;
  private String roles;
  private String prefix;
  private String databaseUrl;
  private boolean perClass;
  private TestStack stack;

  private OwnNode(UnaryOperator<JsonObject> settings) {
    this.settings = settings;
  }

  /** A node configured by {@code settings}, applied to the test defaults ({@link TestStack#config}). */
  public static OwnNode with(UnaryOperator<JsonObject> settings) {
    return new OwnNode(settings);
  }

  /** The roles it runs ({@code BOTFACTORY_ROLES}); all of them when not called. */
  public OwnNode roles(String roles) {
    this.roles = roles;
    return this;
  }

  /** On a database of its own (see {@link TestDatabase#fresh}), named after {@code prefix}, instead of the shared one. */
  public OwnNode freshDatabase(String prefix) {
    this.prefix = prefix;
    return this;
  }

  public int port() {
    return started().port;
  }

  public TestStack stack() {
    return started();
  }

  /** The database the node uses. */
  public String databaseUrl() {
    started();
    return databaseUrl;
  }

  public Api api(Vertx vertx) {
    return new Api(vertx, port());
  }

  /** SQL on the node's database. */
  public Sql sql(Vertx vertx) {
    return new Sql(vertx, databaseUrl());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  private void start() {
    databaseUrl = prefix == null ? TestDatabase.url() : TestDatabase.fresh(prefix);
    JsonObject config = settings.apply(TestStack.config(databaseUrl));
    if (roles != null) {
      config.put(ConfigKey.ROLES.key(), roles);
    }
    stack = TestStack.start(config);
  }

  private void stop() {
    if (stack != null) {
      TestStack node = stack;
      stack = null;
      node.stop();
    }
  }

  private TestStack started() {
    if (stack == null) {
      throw new IllegalStateException("the node is not running: register OwnNode with @RegisterExtension");
    }
    return stack;
  }
}

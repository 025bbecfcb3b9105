package io.botfactory.http;

import io.botfactory.support.Api;
import io.botfactory.support.Browser;
import io.botfactory.support.DashboardUi;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * What every dashboard browser test starts from: one browser for the class, the dashboard of the
 * shared node ({@link TestStack#shared()}) to drive it with, the API to check what it did, and a
 * screenshot of the screen as it was when a test failed (target/screenshots/).
 */
abstract class DashboardBrowserSession {

  static Browser browser;
  static DashboardUi ui;
  static Api api;
  private static Vertx vertx;

  @RegisterExtension
  final TestWatcher failures = new TestWatcher() {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      browser.screenshot("dashboard-failure-" + context.getRequiredTestMethod().getName());
    }
  };

  @BeforeAll
  static void openBrowser() {
    browser = Browser.start(1280, 900);
    vertx = Vertx.vertx();
    api = new Api(vertx, TestStack.shared().port);
    ui = new DashboardUi(browser, TestStack.shared().port);
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }
}

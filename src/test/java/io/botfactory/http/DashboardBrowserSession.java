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
import org.openqa.selenium.Dimension;

import static org.assertj.core.api.Assertions.assertThat;

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

  /** Not in the markup, in no field, in no storage ({@code localStorage} stays empty). */
  static void assertNowhereInThePage(String secret) {
    assertThat((String) ui.script("return document.documentElement.outerHTML")).doesNotContain(secret);
    assertThat((String) ui.script("return [...document.querySelectorAll('input, textarea')].map(e => e.value).join('\\n')"))
      .doesNotContain(secret);
    assertThat(ui.script("return localStorage.length")).isEqualTo(0L);
    assertThat((String) ui.script("return JSON.stringify(Object.entries(sessionStorage))")).doesNotContain(secret);
  }

  static void assertFitsTheWidth() {
    assertThat(ui.script("return document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling").isEqualTo(true);
  }

  static void scrollTo(String css) {
    ui.script("document.querySelector(arguments[0]).scrollIntoView({block: 'start'})", css);
  }

  /** A screenshot of the whole page at the desktop width: the window grows to the page's height for it. */
  static void fullPageScreenshot(String name) {
    long height = (Long) ui.script("return document.documentElement.scrollHeight");
    Dimension before = browser.driver.manage().window().getSize();
    browser.driver.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(height + 140, 2400)));
    try {
      browser.screenshot(name);
    } finally {
      browser.driver.manage().window().setSize(before);
    }
  }
}

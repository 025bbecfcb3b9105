package io.botfactory.support;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;

/**
 * The dashboard (/app/) as a user sees it, for browser tests: fields are found by the name the
 * API gives them in a 422 ({@code "token"}, {@code "commands.0.reply"}), buttons and links by
 * their words, so that a scenario reads as what the user does.
 */
public final class DashboardUi {

  private final Browser browser;
  private final WebDriver driver;
  private final String url;

  public DashboardUi(Browser browser, int port) {
    this.browser = browser;
    this.driver = browser.driver;
    this.url = "http://127.0.0.1:" + port + "/app/";
  }

  public String url() {
    return url;
  }

  /** A signed-out tab on the login screen: the storage of the origin is emptied. */
  public void signedOut() {
    driver.get(url + "#/login");
    script("sessionStorage.clear(); localStorage.clear();");
    driver.navigate().refresh();
    heading("Log in to BotFactory");
  }

  public void signUp(String email, String password, String fullName) {
    go("#/signup");
    heading("Create a BotFactory account");
    fill("email", email);
    fill("password", password);
    fill("full_name", fullName);
    click("Create account");
  }

  /** Logs in through the form and waits for the list of bots. */
  public void logIn(String email, String password) {
    submitLogin(email, password);
    heading("Your bots");
  }

  public void submitLogin(String email, String password) {
    fill("username", email);
    fill("password", password);
    click("Log in");
  }

  /** Goes to a screen of the app, e.g. {@code "#/bots"}. */
  public void go(String hash) {
    driver.get(url + hash);
  }

  /** Waits until the page's h1 reads {@code text}. */
  public WebElement heading(String text) {
    browser.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), text));
    return driver.findElement(By.tagName("h1"));
  }

  /** The input or textarea the API names {@code loc} (after "body"), in the form that has it. */
  public WebElement field(String loc) {
    return browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-loc='" + loc + "']")));
  }

  public void fill(String loc, String text) {
    WebElement field = field(loc);
    field.clear();
    field.sendKeys(text);
  }

  /**
   * Puts {@code text} in a field at once, as a paste does, with the input event the page listens
   * to: for long texts, and for characters outside the BMP (emoji), which chromedriver cannot type.
   */
  public void paste(String loc, String text) {
    script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", field(loc), text);
  }

  /** Empties a field as a user does (select all, delete), so the page sees the input events. */
  public void empty(String loc) {
    WebElement field = field(loc);
    field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
  }

  /** The message shown next to the field, once there is one. */
  public String fieldError(String loc) {
    WebElement field = field(loc);
    By error = By.id(field.getDomAttribute("id") + "-error");
    browser.wait.until(ExpectedConditions.visibilityOfElementLocated(error));
    return driver.findElement(error).getText();
  }

  /** The visible alert of the form holding {@code loc}, once it shows. */
  public String formAlert(String loc) {
    WebElement form = field(loc).findElement(By.xpath("ancestor::form"));
    browser.wait.until(d -> form.findElement(By.cssSelector(".alert")).isDisplayed());
    return form.findElement(By.cssSelector(".alert")).getText();
  }

  /** Clicks the visible, enabled button or link whose words are {@code text}. */
  public void click(String text) {
    button(text).click();
  }

  public WebElement button(String text) {
    By words = By.xpath("//*[self::button or self::a][normalize-space()=" + literal(text) + "]");
    return browser.wait.until(d -> d.findElements(words).stream().filter(e -> e.isDisplayed() && e.isEnabled()).findFirst().orElse(null));
  }

  /** Waits until the page's status line says {@code text} (e.g. "... was added."). */
  public void status(String text) {
    browser.wait.until(ExpectedConditions.textToBe(By.id("status"), text));
  }

  /** The names of the bots on the list's current page, once it has loaded. */
  public List<String> botNames() {
    browser.wait.until(d -> d.findElement(By.cssSelector(".bot-list")).getDomAttribute("aria-busy") == null);
    return driver.findElements(By.cssSelector(".bot-card h2")).stream().map(WebElement::getText).toList();
  }

  /** The bot whose page is shown: the id in the address. */
  public String shownBotId() {
    browser.wait.until(ExpectedConditions.urlMatches("#/bots/[0-9a-f-]{36}"));
    return driver.getCurrentUrl().replaceAll(".*#/bots/([0-9a-f-]{36}).*", "$1");
  }

  /** Waits until the header's webhook badge shows {@code status} (the API's word); answers the badge's words. */
  public String headerBadge(String status) {
    return browser.wait.until(d -> {
      WebElement badge = d.findElement(By.cssSelector("section > .meta .badge"));
      return status.equals(badge.getDomAttribute("data-status")) ? badge.getText() : null;
    });
  }

  /** The visible text of the first element {@code css} selects, once there is one. */
  public String text(String css) {
    return browser.wait.until(d -> {
      WebElement element = d.findElement(By.cssSelector(css));
      return element.isDisplayed() ? element.getText() : null;
    });
  }

  /**
   * A 422 message of the API as the dashboard shows it: without the FastAPI-style "Value error, "
   * and with a capital letter (api.js, {@code readable}).
   */
  public static String shown(String apiMessage) {
    String text = apiMessage.replaceFirst("^Value error, ", "");
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /** The card of the bot named {@code name} on the list's current page. */
  public WebElement botCard(String name) {
    botNames();
    return driver.findElements(By.cssSelector(".bot-card")).stream()
      .filter(card -> card.findElement(By.tagName("h2")).getText().equals(name)).findFirst()
      .orElseThrow(() -> new AssertionError("no card for " + name + " among " + botNames()));
  }

  /** A bot's section: "Settings", "Commands", "Chats" or "Webhook". */
  public void tab(String name) {
    driver.findElement(By.cssSelector("nav.tabs")).findElement(By.linkText(name)).click();
    browser.wait.until(ExpectedConditions.attributeToBe(By.linkText(name), "aria-current", "page"));
  }

  /** Answers the confirmation dialog: {@code true} confirms, {@code false} presses Escape. */
  public void confirm(boolean yes) {
    WebElement dialog = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog.confirm")));
    if (yes) {
      dialog.findElement(By.cssSelector(".confirm-button")).click();
    } else {
      driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    }
    browser.wait.until(ExpectedConditions.invisibilityOf(dialog));
  }

  /** The element that has the keyboard focus. */
  public WebElement focused() {
    return driver.switchTo().activeElement();
  }

  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  private static String literal(String text) {
    return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
  }
}

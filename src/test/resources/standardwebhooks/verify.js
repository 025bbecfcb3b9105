// Verifies deliveries with the Standard Webhooks reference library, not with BotFactory's signer.
// Reads a JSON array of {"secret", "headers", "body"} on stdin; writes a JSON array of
// {"ok": true} or {"ok": false, "error": "..."}, one per delivery, in order.
const { Webhook } = require("standardwebhooks");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const results = JSON.parse(input).map(({ secret, headers, body }) => {
    try {
      new Webhook(secret).verify(body, headers);
      return { ok: true };
    } catch (e) {
      return { ok: false, error: String(e && e.message || e) };
    }
  });
  process.stdout.write(JSON.stringify(results));
});

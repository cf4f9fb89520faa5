/**
 * Renders the widget's HTML in headless Chromium (Debian's `chromium` package) and checks the
 * number is in the DOM and visible. `UPDATE_SCREENSHOT=1` also rewrites docs/distinct-users-widget.png.
 */
import "./quiet-logs";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { AthenaClient } from "@aws-sdk/client-athena";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { createHandler } from "../../../functions/distinct-users-widget/index";
import { FakeClock } from "../../../bench/support/fake-clock";
import { LogsInsightsSimulator } from "../../../bench/support/logs-simulator";
import { Population } from "../../../bench/support/population";
import { END_MS, START_MS, widgetEvent } from "./widget-event";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const INSTALL_HINT = "install it with: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH)";
const SCREENSHOT = resolve(__dirname, "../../../docs/distinct-users-widget.png");

function chromium(userDataDir: string, args: string[]): string {
  const run = spawnSync(
    CHROMIUM,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${userDataDir}`,
      ...args,
    ],
    { encoding: "utf8", timeout: 60_000 },
  );
  if (run.error) throw new Error(`running ${CHROMIUM} failed: ${run.error.message}; ${INSTALL_HINT}`);
  assert.equal(run.status, 0, `chromium exited with ${run.status}: ${run.stderr}`);
  return run.stdout;
}

/** A page like the dashboard's widget frame, plus a probe that records whether the number is visible. */
function page(widgetHtml: string, theme: "light" | "dark"): string {
  const background = theme === "dark" ? "#0f1b2a" : "#ffffff";
  return `<!doctype html><html><head><meta charset="utf-8"></head>
<body style="margin:0;background:${background};width:600px;height:300px">
<div id="widget">${widgetHtml}</div>
<script>
  const el = document.getElementById("distinct-users");
  const style = el && getComputedStyle(el);
  const box = el && el.getBoundingClientRect();
  const visible = !!el && style.display !== "none" && style.visibility !== "hidden" && Number(style.opacity) > 0
    && box.width > 0 && box.height > 0 && box.bottom <= innerHeight && box.right <= innerWidth;
  document.body.setAttribute("data-number-visible", String(visible));
  document.body.setAttribute("data-number-text", el ? el.innerText : "");
</script></body></html>`;
}

async function renderWidget(theme: "light" | "dark"): Promise<{ html: string; expected: string }> {
  const clock = new FakeClock();
  const population = new Population(12_345);
  const sim = new LogsInsightsSimulator({
    population,
    clock,
    userField: "userId",
    logGroupNames: ["/aws/apigateway/orders"],
    startTime: Math.floor(START_MS / 1000),
    endTime: Math.floor(END_MS / 1000),
    groupCap: 5_000,
  });
  const mock = sim.install();
  try {
    const handler = createHandler({
      logs: new CloudWatchLogsClient({ region: "us-east-1" }),
      athena: new AthenaClient({ region: "us-east-1" }),
      clock,
      env: {},
    });
    const html = await handler(
      widgetEvent({ logGroupNames: ["/aws/apigateway/orders"], userField: "userId", title: "Distinct users · orders API" }, { theme }),
    );
    return { html, expected: population.expectedDistinctUsers().toLocaleString("en-US") };
  } finally {
    mock.restore();
  }
}

describe("distinct-users-widget HTML in headless Chromium", function () {
  this.timeout(120_000);
  let dir: string;

  before(() => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`headless Chromium not found at ${CHROMIUM}: ${INSTALL_HINT}`);
    }
    dir = mkdtempSync(join(tmpdir(), "widget-chromium-"));
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const theme of ["light", "dark"] as const) {
    it(`shows the number, visible, in the ${theme} theme`, async () => {
      const { html, expected } = await renderWidget(theme);
      assert.doesNotMatch(html, /<script/i, "the widget itself sends no scripts");
      const file = join(dir, `${theme}.html`);
      writeFileSync(file, page(html, theme));
      const dom = chromium(join(dir, `profile-${theme}`), ["--dump-dom", `file://${file}`]);
      assert.match(dom, new RegExp(`data-number-text="${expected}"`), `the DOM shows ${expected}`);
      assert.match(dom, /data-number-visible="true"/, "the number is laid out inside the widget and not hidden");
    });
  }

  it("takes a screenshot of the rendered widget", async () => {
    const { html } = await renderWidget("light");
    const file = join(dir, "shot.html");
    writeFileSync(file, page(html, "light"));
    const target = process.env.UPDATE_SCREENSHOT === "1" ? SCREENSHOT : join(dir, "shot.png");
    chromium(join(dir, "profile-shot"), ["--hide-scrollbars", "--window-size=600,300", `--screenshot=${target}`, `file://${file}`]);
    const png = readFileSync(target);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "a PNG was written");
    assert.ok(png.length > 2_000, `the screenshot has content (${png.length} bytes)`);
  });
});

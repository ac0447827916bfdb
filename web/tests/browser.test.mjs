// Browser test of the web UI, as a person would use it: Debian's chromium driven by
// playwright-core (no browser download) against a real `headwater serve` on a fresh store built
// from the demo corpus. Usage:  node web/tests/browser.test.mjs [path/to/headwater]
// (default build/release/headwater; also HEADWATER_BINARY). Screenshots go to
// build/test-artifacts/. The server is always killed at the end.
// Missing prerequisites (headwater, chromium, web/node_modules, the built UI in build/share/web)
// fail the test under CI=true and skip it (exit 77, which ctest reports as skipped) elsewhere.
// HW_WEB_MOCK=1 runs the same steps against web/tests/mock/server.mjs instead (UI development).

import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, accessSync, constants, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const mock = process.env.HW_WEB_MOCK === "1";
const hw = path.resolve(process.argv[2] ?? process.env.HEADWATER_BINARY ?? path.join(repo, "build/release/headwater"));
const chromiumPath = process.env.HEADWATER_CHROMIUM ?? "/usr/bin/chromium";
const webRoot = path.join(repo, "build/share/web");
const artifacts = path.join(repo, "build/test-artifacts");

function missingPrerequisite() {
  const exe = (p) => { try { accessSync(p, constants.X_OK); return true; } catch { return false; } };
  if (!mock && !exe(hw)) return `the headwater binary ${hw} is missing (build it first)`;
  if (!exe(chromiumPath)) return `${chromiumPath} is missing (apt-get install chromium)`;
  if (!existsSync(path.join(here, "../node_modules/playwright-core"))) return "web/node_modules is missing (run scripts/build-web.sh)";
  if (!existsSync(path.join(webRoot, "index.html"))) return `${webRoot}/index.html is missing (run scripts/build-web.sh)`;
  return null;
}

const missing = missingPrerequisite();
if (missing) {
  if (process.env.CI === "true") {
    console.error(`web_browser: FAIL: ${missing}`);
    process.exit(1);
  }
  console.error(`web_browser: SKIP: ${missing}`);
  process.exit(77);
}

const { chromium } = await import("playwright-core");
mkdirSync(artifacts, { recursive: true });
const work = mkdtempSync(path.join(tmpdir(), "hw-web-"));
const db = path.join(work, "store.db");
let server = null;
let browser = null;

function run(...args) {
  return execFileSync(hw, ["--db", db, ...args], { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Starts the server and resolves with its base URL (read from "Serving http://…/" on stdout). */
function startServer() {
  const [cmd, args] = mock
    ? [process.execPath, [path.join(here, "mock/server.mjs"), "--port", "0", "--web-root", webRoot]]
    : [hw, ["--db", db, "serve", "--port", "0", "--bind", "127.0.0.1", "--web-root", webRoot]];
  server = spawn(cmd, args, { cwd: repo, stdio: ["ignore", "pipe", "pipe"], detached: false });
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server printed no URL within 30 s; output: ${out}`)), 30000);
    const onData = (chunk) => {
      out += chunk;
      const m = /Serving (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].endsWith("/") ? m[1] : `${m[1]}/`);
      }
    };
    server.stdout.setEncoding("utf8").on("data", onData);
    server.stderr.setEncoding("utf8").on("data", onData);
    server.on("exit", (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}): ${out}`)); });
  });
}

function stopAll() {
  if (server && server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
  server = null;
}
process.on("exit", stopAll);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => { stopAll(); process.exit(1); });
after(async () => {
  if (browser) await browser.close().catch(() => {});
  stopAll();
  rmSync(work, { recursive: true, force: true });
});

test("a person reads the demo story in the web UI", { timeout: 240000 }, async (t) => {
  let token = "mock-token";
  if (!mock) {
    // The demo of scripts/demo.sh: batch 1, a watch on the camp story, batch 2, watch check.
    run("init");
    run("outlets", "import", "demo/outlets.csv");
    run("ingest", "demo/batch1.jsonl");
    run("ingest", "demo/batch2.jsonl");
    // One more article, written for this test: emoji (outside the BMP) before its attribution, so
    // offsets counted in UTF-16 units instead of code points would highlight the wrong passage.
    const kite = path.join(work, "kite.jsonl");
    writeFileSync(kite, JSON.stringify({
      url: "https://southernflank.net/2023/05/02/kite-festival-in-grand-island", outlet: "Southern Flank",
      title: "Kite festival 🪁 fills the sky over Grand Island", published: "2023-05-02T10:00:00Z", lang: "en",
      text: "Kites 🪁🪁 of every shape 😀 filled the sky 🌤️ over Grand Island on Sunday. According to Continental " +
        "Press, more than four thousand people came to the kite festival on the river flats, twice as many as " +
        "last year.\nThe organizers 🎉 said they would move the festival to a larger field next spring.",
    }) + "\n");
    run("ingest", kite);
    token = run("token", "create", "--name", "browser-test").trim().split("\n").pop().trim();
    assert.ok(token.length >= 16, `token create printed a token as its last line: ${token}`);
  }
  const base = await startServer();
  const api = async (p) => {
    const r = await fetch(new URL(p, base));
    assert.equal(r.status, 200, `GET ${p}`);
    return r.json();
  };
  // What the UI must show, read from the API (the pages are checked against it).
  const all = await api("/api/stories?limit=200");
  const camp = all.stories.reduce((a, b) => (b.counts.articles > a.counts.articles ? b : a));
  const campDoc = await api(`/api/stories/${camp.id}`);
  const graph = await api(`/api/stories/${camp.id}/graph`);

  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ["--no-sandbox"] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => {
    // A refused request (the wrong token, on purpose) is logged by chromium itself: not a script error.
    if (m.type() === "error" && !/Failed to load resource/.test(m.text())) pageErrors.push(m.text());
  });
  page.setDefaultTimeout(30000);  // generous: ctest runs other suites beside it on 2 cores
  const shot = (name) => page.screenshot({ path: path.join(artifacts, `web-${name}.png`), fullPage: true });
  let failed = false;
  const step = async (name, fn) => t.test(name, { skip: failed && "an earlier step failed" }, async () => {
    try {
      await fn();
    } catch (e) {
      failed = true;
      await shot(`failed-${name.replace(/\W+/g, "-")}`).catch(() => {});
      throw e;
    }
  });

  await step("the story list shows every story with its verdict badge", async () => {
    await page.goto(base);
    await page.getByRole("heading", { level: 1, name: "Stories" }).waitFor();
    await page.locator("table.stories tbody tr").first().waitFor();
    assert.equal(await page.locator("table.stories tbody tr").count(), Math.min(all.total, 20));
    assert.match(await page.locator("#results-h").textContent(), new RegExp(`^${all.total} stor`));
    const row = page.locator(`tr[data-story="${camp.id}"]`);
    assert.equal((await row.locator(".badge").textContent()).trim(), camp.verdict);
    await shot("1-stories");
  });

  await step("the list pages forward and back", async () => {
    assert.ok(all.total > 3);
    const rowIds = () => page.locator("table.stories tbody tr").evaluateAll((rs) => rs.map((r) => r.dataset.story));
    await page.goto(`${base}?limit=3`);
    await page.getByText(`Showing 1–3 of ${all.total}`).waitFor();
    await page.getByRole("link", { name: "Next →" }).click();
    await page.getByText(`Showing 4–6 of ${all.total}`).waitFor();
    const want = (await api("/api/stories?limit=3&offset=3")).stories.map((s) => s.id);
    assert.deepEqual(await rowIds(), want);
    await page.getByRole("link", { name: "← Previous" }).click();
    await page.getByText(`Showing 1–3 of ${all.total}`).waitFor();
    await page.goto(base);
    await page.locator("table.stories tbody tr").first().waitFor();
  });

  await step("filtering by verdict lists only those stories", async () => {
    const want = (await api(`/api/stories?verdict=${camp.verdict}&limit=200`)).stories;
    assert.ok(want.length > 0 && want.length < all.total, "the demo has stories of several verdicts");
    await page.getByLabel("Verdict").selectOption(camp.verdict);
    await page.waitForURL(new RegExp(`verdict=${camp.verdict}`));
    await page.waitForFunction((n) => document.querySelectorAll("table.stories tbody tr").length === n, want.length);
    const badges = await page.locator("table.stories tbody .badge").allTextContents();
    assert.deepEqual([...new Set(badges.map((b) => b.trim()))], [camp.verdict]);
    await shot("2-filtered");
  });

  await step("the demo story shows its explanation and counts", async () => {
    await page.getByRole("link", { name: camp.title }).click();
    await page.waitForURL(new RegExp(`/stories/${camp.id}$`));
    await page.getByRole("heading", { level: 1, name: camp.title }).waitFor();
    assert.equal((await page.locator(".explanation").textContent()).trim(), campDoc.explanation.trim());
    const indep = page.locator(".count", { hasText: "Independent origins" }).locator("dd");
    assert.equal(Number(await indep.textContent()), campDoc.counts.independent_origins);
    await page.locator("#graph[data-ready=true]").waitFor();
    await shot("3-story");
  });

  await step("clicking the origin node shows its evidence sentence highlighted", async () => {
    // The first origin's article with evidence, as the story report names it.
    const origin = campDoc.origins.find((o) => !o.external && o.evidence.length > 0);
    assert.ok(origin, "the demo story has an origin with evidence");
    const ev = origin.evidence[0];
    const node = graph.nodes.find((n) => n.url === ev.url);
    assert.ok(node, `the graph has a node for ${ev.url}`);
    assert.equal(node.role, "origin");
    const at = await page.evaluate((id) => window.hwGraphNodeCenter(id), node.id);
    assert.ok(at, "the origin node is drawn");
    await page.mouse.click(at.x, at.y);
    const mark = page.locator("#panel mark.hl-evidence").first();
    await mark.waitFor();
    assert.equal(await mark.textContent(), ev.text);
    assert.equal(await page.locator("#panel h2").first().textContent(), node.label ?? node.outlet);
    assert.equal(await page.locator(`.node-button[data-node="${node.id}"]`).getAttribute("aria-pressed"), "true");
    await shot("4-origin-evidence");
  });

  await step("the origin's outlet page shows its track record and stories", async () => {
    const outletName = campDoc.origins.find((o) => !o.external && o.evidence.length > 0).outlet;
    await page.locator("#panel").getByRole("link", { name: outletName }).click();
    await page.waitForURL(/\/outlets\/\d+$/);
    await page.getByRole("heading", { level: 1, name: outletName }).waitFor();
    await page.getByRole("heading", { name: "Track record" }).waitFor();
    const id = new URL(page.url()).pathname.split("/").pop();
    const doc = await api(`/api/outlets/${id}`);
    assert.equal(await page.locator(".count", { hasText: "Originated" }).locator("dd").textContent(),
      String(doc.track_record.originated));
    await page.locator(".story-list").getByRole("link", { name: camp.title }).waitFor();
    await shot("5-outlet");
  });

  await step("search finds the camp articles", async () => {
    await page.getByRole("link", { name: "Search", exact: true }).click();
    await page.getByLabel("Search articles").fill("Juárez camp");
    await page.getByLabel("Search articles").press("Enter");
    await page.waitForURL(/\/search\?q=/);
    const want = await api(`/api/search?q=${encodeURIComponent("Juárez camp")}&limit=50`);
    assert.ok(want.articles.length > 0);
    await page.waitForFunction((n) => document.querySelectorAll("ol.hits > li").length === n, want.articles.length);
    await shot("6-search");
  });

  await step("an article with emoji shows its attribution highlighted by code points", async () => {
    if (mock) return;
    await page.getByLabel("Search articles").fill("kite festival");
    await page.getByLabel("Search articles").press("Enter");
    const hit = page.locator("ol.hits > li", { hasText: "Kite festival" });
    await hit.getByRole("link", { name: "its story" }).click();
    await page.waitForURL(/\/stories\/\w+$/);
    const id = new URL(page.url()).pathname.split("/").pop();
    const g = await api(`/api/stories/${id}/graph`);
    const url = "https://southernflank.net/2023/05/02/kite-festival-in-grand-island";
    const node = g.nodes.find((n) => n.url === url);
    const edge = g.edges.find((e) => e.source === node.id && e.evidence);
    assert.ok(edge, "the kite article cites Continental Press with an evidence passage");
    assert.ok(edge.evidence.text.startsWith("According to Continental Press"));
    await page.locator("#graph[data-ready=true]").waitFor();
    await page.locator(`.node-button[data-node="${node.id}"]`).click();
    const mark = page.locator("#panel mark.hl-evidence").first();
    await mark.waitFor();
    assert.equal(await mark.textContent(), edge.evidence.text);
    await shot("6b-emoji-evidence");
  });

  await step("adding a watch needs a valid token, then lists it", async () => {
    await page.getByRole("link", { name: "Watches & alerts" }).click();
    await page.getByRole("heading", { level: 1, name: "Watches & alerts" }).waitFor();
    const before = (await api("/api/watches")).watches.length;
    await page.getByLabel("Kind").selectOption("story");
    await page.getByLabel("Target").fill(camp.id);
    await page.getByLabel("Token", { exact: true }).fill("not-a-valid-token");
    await page.getByRole("button", { name: "Add watch" }).click();
    await page.locator(".form-message .error", { hasText: "401" }).waitFor();
    await page.getByLabel("Token", { exact: true }).fill(token);
    await page.getByRole("button", { name: "Add watch" }).click();
    await page.locator(".form-message", { hasText: "added" }).waitFor();
    const after = (await api("/api/watches")).watches;
    assert.equal(after.length, before + 1);
    const added = after.find((w) => w.kind === "story" && w.target === camp.id);
    assert.ok(added, "the new watch is stored");
    await page.locator(`tr[data-watch="${added.id}"]`).getByRole("link", { name: `story ${camp.id}` }).waitFor();
    await shot("7-watches");
    // And deleting it (the token is still in the form).
    await page.getByRole("button", { name: `Delete watch ${added.id}` }).click();
    await page.locator(`tr[data-watch="${added.id}"]`).waitFor({ state: "detached" });
    assert.equal((await api("/api/watches")).watches.length, before);
  });

  await step("no script error in the page", async () => {
    assert.deepEqual(pageErrors, []);
  });
});
